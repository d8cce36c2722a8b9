package io.takedown.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.UploadedFile;
import io.takedown.access.Action;
import io.takedown.access.Policy;
import io.takedown.app.Takedown;
import io.takedown.banks.Bank;
import io.takedown.banks.BankEntry;
import io.takedown.banks.matching.MatchQuery;
import io.takedown.banks.matching.MatchResult;
import io.takedown.server.hashing.UploadHashing;
import io.takedown.server.http.HttpProblem;
import io.takedown.server.http.Json;
import io.takedown.server.http.Lists;
import io.takedown.server.http.Routes;
import io.takedown.server.matching.MatchingService;
import io.takedown.signals.Signal;
import io.takedown.signals.hashing.FileHashes;
import io.takedown.signals.pdq.PdqHash;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Banks, matching and hashing on our API, with labels, provenance and the reason for every match. */
public final class BankRoutes {

    private final Takedown takedown;
    private final MatchingService matching;
    private final UploadHashing hashing;

    public BankRoutes(Takedown takedown, MatchingService matching) {
        this.takedown = takedown;
        this.matching = matching;
        this.hashing = new UploadHashing(takedown.signals());
    }

    public void register(Routes routes) {
        routes.api("GET", "/api/v1/banks", (ctx, who) -> {
            Policy.check(who.actor(), Action.MATCH_CONTENT);
            Map<String, Integer> counts = takedown.banks().activeCounts();
            Lists.page(ctx, takedown.banks().banks(), Bank::id, bank -> bank(bank, counts.getOrDefault(bank.name(), 0)));
        });
        routes.api("GET", "/api/v1/banks/{name}/entries", (ctx, who) -> {
            Policy.check(who.actor(), Action.MATCH_CONTENT);
            boolean all = "true".equals(ctx.queryParam("all"));
            Lists.page(ctx, takedown.banks().entries(ctx.pathParam("name"), all), BankEntry::id, BankRoutes::entry);
        });
        routes.api("POST", "/api/v1/match", (ctx, who) -> {
            Policy.check(who.actor(), Action.MATCH_CONTENT);
            ObjectNode body = Json.object(ctx);
            JsonNode given = body.path("signals");
            if (!given.isObject() || given.isEmpty()) {
                throw HttpProblem.badRequest("field 'signals' must be an object of signal type to value, "
                        + "e.g. {\"pdq\": \"<64 hex digits>\"}");
            }
            List<Signal> signals = new ArrayList<>();
            given.fields().forEachRemaining(e -> signals.add(Signal.of(e.getKey(), e.getValue().asText())));
            ctx.json(Map.of("matches", matching.match(new MatchQuery(signals, Map.<String, PdqHash>of())).stream()
                    .map(BankRoutes::match).toList()));
        });
        routes.api("POST", "/api/v1/hash", (ctx, who) -> {
            List<UploadedFile> files = io.takedown.server.http.Uploads.files(ctx);
            if (files.size() != 1) {
                throw HttpProblem.badRequest("send exactly one file as multipart/form-data (got " + files.size() + ")");
            }
            UploadedFile file = files.getFirst();
            Map<String, Object> out = new LinkedHashMap<>();
            try (InputStream content = file.content()) {
                FileHashes hashes = hashing.hashAll(content, safeName(file.filename()));
                out.put("name", hashes.path());
                out.put("media_type", hashes.mediaType());
                out.put("size", hashes.size());
                out.put("status", hashes.status().label());
                out.put("error", hashes.error().orElse(null));
                hashes.signals().forEach((type, signal) -> out.put(type, signal.value()));
                hashes.language().ifPresent(language -> out.put("language", language));
            }
            ctx.json(out);
        });
    }

    /** Upload names are shown back, never used as paths. */
    static String safeName(String name) {
        if (name == null || name.isBlank()) {
            return "upload";
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        return base.isBlank() || base.equals("..") ? "upload" : base;
    }

    static Map<String, Object> bank(Bank bank, int active) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", bank.id());
        out.put("name", bank.name());
        out.put("description", bank.description());
        out.put("negative", bank.negative());
        out.put("pdq_distance", value(bank.pdqDistance()));
        out.put("text_distance", value(bank.textDistance()));
        out.put("version", bank.version());
        out.put("active_entries", active);
        out.put("created_at", bank.createdAt().toString());
        out.put("created_by", bank.createdBy());
        return out;
    }

    public static Map<String, Object> entry(BankEntry entry) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", entry.id());
        out.put("bank", entry.bankName());
        out.put("signal_type", entry.signal().type());
        out.put("value", entry.signal().value());
        out.put("quality", value(entry.signal().quality()));
        out.put("labels", List.copyOf(entry.labels()));
        out.put("state", entry.state().label());
        out.put("added_by", entry.provenance().addedBy());
        out.put("added_at", entry.provenance().addedAt().toString());
        out.put("source", entry.provenance().sourceRef().orElse(null));
        out.put("source_bank", entry.provenance().sourceBank().orElse(null));
        out.put("confidence", entry.confidence().isPresent() ? entry.confidence().getAsDouble() : null);
        out.put("expires_at", entry.expiresAt().map(Object::toString).orElse(null));
        return out;
    }

    public static Map<String, Object> match(MatchResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entry", entry(result.entry()));
        out.put("signal_type", result.signalType());
        out.put("distance", result.distance());
        out.put("transform", result.transform().orElse(null));
        out.put("suppressed_by", result.suppressedBy().map(BankEntry::id).orElse(null));
        out.put("flood_quarantined", result.floodQuarantined());
        return out;
    }

    private static Integer value(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }
}
