package io.takedown.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.server.TestServer;
import io.takedown.server.demo.DemoScenario;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Console abuse without a browser: CSRF, login throttling, open redirects, cookie flags. */
class ConsoleHttpTest {

    @TempDir
    Path home;

    private static String form(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    private static TestServer.Response post(TestServer s, String path, String cookie, Map<String, String> fields) {
        HttpRequest.Builder request = s.request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return s.send(request);
    }

    @Test
    void actionDays_overTheApi() {
        try (TestServer s = TestServer.start(home)) {
            DemoScenario.load(s.takedown, s.server.accounts());
            String cora = s.token("cora");
            TestServer.Response days = s.get("/api/v1/action-days", cora);
            assertThat(days.json().path("items").size()).isEqualTo(1);
            long id = days.json().path("items").get(0).path("id").asLong();
            TestServer.Response board = s.get("/api/v1/action-days/" + id + "/board", cora);
            assertThat(board.json().path("total").path("targets").asInt()).isEqualTo(2);
            assertThat(board.json().path("by_provider").get(0).path("key").asText()).isEqualTo("HOST-1");
            assertThat(s.get("/api/v1/action-days/" + id + "/board", s.token("pia")).status()).isEqualTo(403);
            assertThat(s.get("/api/v1/action-days", s.token("pia")).json().path("items").size()).isZero();
        }
    }

    @Test
    void csrf_throttling_redirects() {
        try (TestServer s = TestServer.start(home)) {
            Map<String, String> passwords = DemoScenario.load(s.takedown, s.server.accounts()).passwords();
            TestServer.Response login = post(s, "/login", null, Map.of("user", "ana", "password", passwords.get("ana"),
                    "next", "//evil.example/"));
            assertThat(login.status()).isEqualTo(302);
            assertThat(login.header("Location")).isEqualTo("/console");
            String setCookie = login.header("Set-Cookie");
            assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));

            TestServer.Response page = s.send(s.request("/console", null).header("Cookie", cookie).GET());
            assertThat(page.status()).isEqualTo(200);
            String csrf = page.body().replaceAll("(?s).*name=\"csrf-token\" content=\"([^\"]+)\".*", "$1");

            long before = s.auditEntries();
            TestServer.Response forged = post(s, "/console/items/1/unblur", cookie, Map.of());
            assertThat(forged.status()).isEqualTo(403);
            assertThat(forged.body()).contains("CSRF");
            assertThat(post(s, "/console/items/1/unblur", cookie, Map.of("_csrf", "wrong")).status()).isEqualTo(403);
            assertThat(post(s, "/console/orders/2/approve", cookie, Map.of()).status()).isEqualTo(403);
            assertThat(s.auditEntries()).isEqualTo(before);
            assertThat(post(s, "/console/items/1/unblur", cookie, Map.of("_csrf", csrf)).status()).isEqualTo(200);
            // The read, the unblurring and the deconfliction look the page makes (audited since issue 14).
            assertThat(s.auditEntries()).isEqualTo(before + 3);

            assertThat(s.get("/console", null).status()).isEqualTo(302);
            assertThat(s.send(s.request("/console", "tdk_x").GET()).status()).isEqualTo(302);
            assertThat(s.get("/api/v1/me", null).status()).isEqualTo(401);
            assertThat(s.send(s.request("/api/v1/me", null).header("Cookie", cookie).GET()).status())
                    .as("the API never accepts the console cookie").isEqualTo(401);

            for (int i = 0; i <= 5; i++) {
                assertThat(post(s, "/login", null, Map.of("user", "bert", "password", "guess " + i)).status())
                        .isEqualTo(401);
            }
            // Locked now: even the right password waits, and says until when.
            TestServer.Response throttled = post(s, "/login", null, Map.of("user", "bert", "password", passwords.get("bert")));
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.header("Retry-After")).isNotBlank();
        }
    }
}
