package io.takedown.operations.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.takedown.access.Actor;
import io.takedown.core.Hex;
import io.takedown.operations.deconfliction.Conflict;
import io.takedown.orders.Deadlines;
import io.takedown.orders.OrderService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The frozen plan as a canonical JSON document. Target URLs appear as SHA-256 digests: the signed plan can
 * be handed to every participant without disclosing items whose handling code keeps them to one agency,
 * while anyone holding a URL can check it was in the plan.
 */
final class PlanDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanDocument() {
    }

    static String json(ActionDay day, List<Target> targets, List<Conflict> conflicts, List<Target> firstOrders,
                       Actor frozenBy, Instant frozenAt) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "takedown-action-day-plan").put("action_id", day.id()).put("name", day.name())
                .put("coordinator", day.coordinator()).put("h_hour", day.hHour().toString())
                .put("frozen_at", frozenAt.toString()).put("frozen_by", frozenBy.name());
        ArrayNode parts = root.putArray("parts");
        for (Part part : day.parts()) {
            long count = targets.stream().filter(t -> t.agency().equals(part.agency())).count();
            parts.addObject().put("agency", part.agency()).put("country", part.country()).put("targets", count);
        }
        Map<Long, String> held = conflicts.stream().filter(Conflict::held)
                .collect(Collectors.toMap(Conflict::targetId, Conflict::reference, (a, b) -> a));
        ArrayNode list = root.putArray("targets");
        for (Target target : targets) {
            ObjectNode node = list.addObject().put("id", target.id()).put("agency", target.agency())
                    .put("provider", target.provider()).put("provider_country", target.providerCountry())
                    .put("kind", target.kind().name().toLowerCase()).put("url_sha256", Hex.sha256(target.url()));
            target.orderId().ifPresent(id -> node.put("order", id));
            target.referralId().ifPresent(id -> node.put("referral", id));
            target.emergencyReason().ifPresent(reason -> node.put("emergency", reason));
            if (held.containsKey(target.id())) {
                node.put("held", held.get(target.id()));
            }
        }
        ObjectNode notice = root.putObject("prior_notice");
        notice.put("rule", "Art. 3(2): 12 hours before a provider's first order unless an emergency");
        notice.put("approve_first_orders_by", day.hHour().minus(Deadlines.PRIOR_NOTICE).toString());
        ArrayNode first = notice.putArray("first_orders");
        firstOrders.forEach(t -> first.add(t.id()));
        root.put("emergency_exceptions", targets.stream().filter(Target::emergency).count());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
