package io.takedown.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.access.Action;
import io.takedown.access.Actor;
import io.takedown.access.Handling;
import io.takedown.access.Policy;
import io.takedown.server.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The role x action x handling-code matrix through HTTP: for every user of the standard directory, each
 * route is allowed exactly when {@link Policy} (and, for items, the handling code; for orders, being a party)
 * allows it; refusals are 403 and change nothing.
 */
class AuthorisationMatrixTest {

    @TempDir
    Path home;

    @Test
    void everyRoleEveryActionEveryHandling_matchesPolicy() {
        try (TestServer s = TestServer.start(home).withDirectory()) {
            String ana = s.token("ana");
            long caseId = s.post("/api/v1/cases", ana, Map.of("title", "matrix", "handling", "red"))
                    .json().path("id").asLong();
            Map<Handling, Long> items = new java.util.EnumMap<>(Handling.class);
            for (Handling handling : Handling.values()) {
                items.put(handling, s.post("/api/v1/cases/" + caseId + "/items", ana, Map.of("url",
                        "https://outlet.test/" + handling, "handling", handling.name().toLowerCase())).json()
                        .path("id").asLong());
            }
            long order = s.post("/api/v1/orders", ana, Map.of("item", items.get(Handling.RED), "provider", "HOST-1",
                    "reasons", "r", "emergency", true)).json().path("id").asLong();
            List<String> failures = new ArrayList<>();
            for (String user : List.of("admin", "ana", "bert", "otto", "dora", "cora", "pia")) {
                Actor actor = s.takedown.directory().actor(user);
                String token = s.token(user);
                long before = s.auditEntries();
                check(failures, user, "create case", Policy.allows(actor, Action.CREATE_CASE),
                        s.post("/api/v1/cases", token, Map.of("title", "by " + user)).status());
                for (Handling handling : Handling.values()) {
                    // Hidden items are answered like missing ones (404), so no answer names owner or code.
                    int expected = !Policy.allows(actor, Action.VIEW_ITEM) ? 403
                            : handling.visibleTo(actor, "NL-IRU") ? 200 : 404;
                    check(failures, user, "view " + handling + " item", expected,
                            s.get("/api/v1/items/" + items.get(handling), token).status());
                }
                check(failures, user, "verify audit", Policy.allows(actor, Action.VIEW_AUDIT),
                        s.get("/api/v1/audit/verify", token).status());
                check(failures, user, "report", Policy.allows(actor, Action.REPORT),
                        s.get("/api/v1/reports/transparency?year=2026", token).status());
                check(failures, user, "browse banks", Policy.allows(actor, Action.MATCH_CONTENT),
                        s.get("/api/v1/banks", token).status());
                check(failures, user, "create HMA bank", Policy.allows(actor, Action.CURATE_BANKS),
                        s.post("/c/banks", token, Map.of("name", "BANK_" + user.toUpperCase())).status());
                // A draft on a RED item: only the issuing authority knows it (the provider once it is sent).
                check(failures, user, "view order", !Policy.allows(actor, Action.VIEW_ORDER) ? 403
                        : actor.agency().equals("NL-IRU") ? 200 : 404, s.get("/api/v1/orders/" + order, token).status());
                check(failures, user, "draft order", Policy.allows(actor, Action.DRAFT_ORDER)
                        && actor.agency().equals("NL-IRU"), s.post("/api/v1/orders", token, Map.of("item",
                        items.get(Handling.GREEN), "provider", "HOST-1", "reasons", "r")).status());
                if (user.equals("dora") || user.equals("pia") || user.equals("cora")) {
                    assertThat(s.auditEntries()).as(user + " refused everywhere changes nothing but allowed reads")
                            .isGreaterThanOrEqualTo(before);
                }
            }
            assertThat(failures).isEmpty();
        }
    }

    private static void check(List<String> failures, String user, String what, boolean allowed, int status) {
        check(failures, user, what, allowed ? 200 : 403, status);
    }

    /** {@code expected} 200 stands for any 2xx. */
    private static void check(List<String> failures, String user, String what, int expected, int status) {
        boolean ok = expected == 200 ? status / 100 == 2 : status == expected;
        if (!ok) {
            failures.add(user + " " + what + ": expected " + (expected == 200 ? "2xx" : expected) + ", got " + status);
        }
    }
}
