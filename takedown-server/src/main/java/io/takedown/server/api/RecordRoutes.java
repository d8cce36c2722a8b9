package io.takedown.server.api;

import io.takedown.app.Takedown;
import io.takedown.audit.AuditVerifier;
import io.takedown.orders.TransparencyReport;
import io.takedown.server.http.Lists;
import io.takedown.server.http.Routes;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** Audit verification and transparency reports (Art. 7 and 8). */
public final class RecordRoutes {

    private final Takedown takedown;

    public RecordRoutes(Takedown takedown) {
        this.takedown = takedown;
    }

    public void register(Routes routes) {
        routes.api("GET", "/api/v1/audit/verify", (ctx, who) -> ctx.json(verify(takedown, who.actor())));
        routes.api("GET", "/api/v1/reports/transparency", (ctx, who) -> {
            int year = Lists.intParam(ctx, "year", takedown.clock().instant().atZone(ZoneOffset.UTC).getYear(), 2000, 2200);
            TransparencyReport report = TransparencyReport.forYear(takedown.database(), who.actor(), year);
            if ("csv".equals(ctx.queryParam("format"))) {
                ctx.contentType("text/csv; charset=utf-8").result(report.csv());
                return;
            }
            ctx.json(Map.of("year", year, "lines", report.lines().stream().map(l -> Map.of("section", l.section(),
                    "measure", l.measure(), "value", l.value())).toList()));
        });
    }

    /** The audit verdict; only roles allowed to view the audit trail may ask. */
    public static Map<String, Object> verify(Takedown takedown, io.takedown.access.Actor actor) {
        // Authorised in the service (VIEW_AUDIT); verification never creates a key.
        AuditVerifier.Report report = takedown.auditReview().verify(actor);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("intact", report.intact());
        out.put("entries", report.entries());
        out.put("checkpoints", report.checkpoints());
        out.put("key_id", takedown.logKeyId().orElse(""));
        out.put("problems", report.problems().stream().map(p -> Map.of("seq", p.seq(), "kind", p.kind(),
                "message", p.message())).toList());
        return out;
    }
}
