package io.takedown.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.takedown.server.ServerSettings;
import io.takedown.server.TestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API end to end, and its answers to hostile input: each a clear error, and nothing changed. */
class ApiTest {

    @TempDir
    Path home;

    private TestServer s;
    private String ana;

    @BeforeEach
    void start() {
        s = TestServer.start(home, ServerSettings.forTests().withMaxBodyBytes(64 * 1024)).withDirectory();
        ana = s.token("ana");
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private long createCase(String token, String title) {
        TestServer.Response created = s.post("/api/v1/cases", token, Map.of("title", title, "handling", "amber"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private void assertProblem(TestServer.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).startsWith("urn:takedown:problem:");
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
    }

    @Test
    void orderWorkflow_overHttp() {
        long caseId = createCase(ana, "outlet o01");
        TestServer.Response item = s.post("/api/v1/cases/" + caseId + "/items", ana,
                Map.of("url", "https://outlet.test/articles/7.html", "handling", "amber", "labels", new String[] {"recruitment"}));
        assertThat(item.status()).as(item.body()).isEqualTo(201);
        long itemId = item.json().path("id").asLong();
        TestServer.Response draft = s.post("/api/v1/orders", ana, Map.of("item", itemId, "provider", "HOST-1",
                "reasons", "glorification of an attack", "emergency", true));
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        long orderId = draft.json().path("id").asLong();
        assertProblem(s.post("/api/v1/orders/" + orderId + "/approve", ana, "{}"), 403);
        String bert = s.token("bert");
        assertThat(s.post("/api/v1/orders/" + orderId + "/approve", bert, "{}").json().path("status").asText())
                .isEqualTo("approved");
        TestServer.Response sent = s.post("/api/v1/orders/" + orderId + "/send", bert, "{}");
        // HOST-1 has no endpoint: the signed order waits out of band until the issuer records its receipt.
        assertThat(sent.json().path("status").asText()).as(sent.body()).isEqualTo("queued");
        s.takedown.orders().recordReceipt(s.takedown.directory().actor("bert"), orderId,
                io.takedown.orders.OutboxMessage.Kind.ORDER, s.takedown.clock().instant());
        sent = s.get("/api/v1/orders/" + orderId, bert);
        assertThat(sent.json().path("status").asText()).as(sent.body()).isEqualTo("sent");
        assertThat(sent.json().path("deadline_at").asText()).isNotBlank();
        assertProblem(s.post("/api/v1/orders/" + orderId + "/send", bert, "{}"), 409);
        TestServer.Response feedback = s.post("/api/v1/orders/" + orderId + "/feedback", s.token("pia"), "{}");
        assertThat(feedback.json().path("status").asText()).as(feedback.body()).isEqualTo("executed");
        JsonNode detail = s.get("/api/v1/orders/" + orderId, bert).json();
        assertThat(detail.path("history").size()).isGreaterThanOrEqualTo(4);
        assertThat(s.get("/api/v1/audit/verify", s.token("otto")).json().path("intact").asBoolean()).isTrue();
    }

    @Test
    void lists_arePaged_withEtags() {
        for (int i = 0; i < 5; i++) {
            createCase(ana, "case " + i);
        }
        TestServer.Response first = s.get("/api/v1/cases?limit=2", ana);
        assertThat(first.json().path("items").size()).isEqualTo(2);
        String next = first.json().path("next").asText();
        assertThat(first.header("Link")).contains("rel=\"next\"");
        TestServer.Response second = s.get(next, ana);
        assertThat(second.json().path("items").get(0).path("id").asLong())
                .isGreaterThan(first.json().path("items").get(1).path("id").asLong());
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();
        TestServer.Response cached = s.send(s.request("/api/v1/cases?limit=2", ana).header("If-None-Match", etag).GET());
        assertThat(cached.status()).isEqualTo(304);
        assertThat(cached.body()).isEmpty();
        createCase(ana, "changes the list");
        TestServer.Response all = s.send(s.request("/api/v1/cases?limit=100", ana).header("If-None-Match", etag).GET());
        assertThat(all.status()).isEqualTo(200);
        assertProblem(s.get("/api/v1/cases?limit=0", ana), 400);
        assertProblem(s.get("/api/v1/cases?limit=abc", ana), 400);
    }

    @Test
    void hostileInput_clearErrors_nothingChanged() throws Exception {
        long caseId = createCase(ana, "kept");
        String dora = s.token("dora");
        long before = s.auditEntries();

        assertProblem(s.get("/api/v1/cases", null), 401);
        assertThat(s.get("/api/v1/cases", null).header("WWW-Authenticate")).startsWith("Bearer");
        assertProblem(s.get("/api/v1/cases", "tdk_forged"), 401);
        assertProblem(s.send(s.request("/api/v1/cases", null).header("Authorization", "Basic YTpi").GET()), 401);

        assertProblem(s.post("/api/v1/cases", ana, "{\"title\": "), 400);
        assertProblem(s.post("/api/v1/cases", ana, "[1, 2]"), 400);
        assertProblem(s.post("/api/v1/cases", ana, "{\"title\": \"a\"} trailing"), 400);
        assertProblem(s.post("/api/v1/cases", ana, "{\"title\": 42}"), 400);
        assertProblem(s.post("/api/v1/cases", ana, ""), 400);

        String huge = "{\"title\": \"" + "x".repeat(100 * 1024) + "\"}";
        assertProblem(s.post("/api/v1/cases", ana, huge), 413);
        // Streamed without a Content-Length: refused when read.
        TestServer.Response chunked = s.send(s.request("/api/v1/cases", ana).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)))));
        assertThat(chunked.status()).isIn(400, 413);

        TestServer.Response badMultipart = s.send(s.request("/api/v1/hash", ana)
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("--xyz\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nno end")));
        assertThat(badMultipart.status()).as(badMultipart.body()).isEqualTo(400);
        assertProblem(s.upload("/api/v1/hash", ana, "file", "x.jpg", new byte[0]), 400);

        // Another agency's RED case is answered like a missing one.
        assertProblem(s.post("/api/v1/cases/" + caseId + "/items", dora, Map.of("url", "https://outlet.test/1")), 404);
        assertProblem(s.post("/api/v1/cases/999/items", ana, Map.of("url", "https://outlet.test/1")), 404);
        assertProblem(s.post("/api/v1/cases/abc/items", ana, Map.of("url", "https://outlet.test/1")), 400);
        assertProblem(s.get("/api/v1/banks/..%2F..%2Fetc%2Fpasswd/entries", ana), 404);
        assertProblem(s.get("/api/v1/nothing-here", ana), 404);

        assertThat(s.auditEntries()).isEqualTo(before);
        assertThat(s.get("/api/v1/cases", ana).json().path("items").size()).isEqualTo(1);
    }

    @Test
    void upload_pathTraversalInName_isOnlyAName() throws Exception {
        Path outside = home.resolve("escaped.txt");
        TestServer.Response hashed = s.upload("/api/v1/hash", ana, "file", "../../escaped.txt",
                new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe, 7, 8});
        assertThat(hashed.status()).as(hashed.body()).isEqualTo(200);
        assertThat(hashed.json().path("sha256").asText()).hasSize(64);
        assertThat(Files.exists(outside)).isFalse();
        assertThat(Files.exists(home.getParent().resolve("escaped.txt"))).isFalse();
    }

    @Test
    void tokens_issueListRevoke() {
        TestServer.Response issued = s.post("/api/v1/tokens", ana, Map.of("name", "script"));
        assertThat(issued.status()).isEqualTo(201);
        String secret = issued.json().path("secret").asText();
        assertThat(s.get("/api/v1/me", secret).json().path("name").asText()).isEqualTo("ana");
        assertThat(s.get("/api/v1/tokens", ana).json().path("items").toString()).doesNotContain(secret);
        assertProblem(s.post("/api/v1/tokens", ana, Map.of("name", "for bert", "user", "bert")), 403);
        assertThat(s.delete("/api/v1/tokens/" + issued.json().path("id").asLong(), ana).status()).isEqualTo(204);
        assertProblem(s.get("/api/v1/me", secret), 401);
    }

    @Test
    void health_metrics_ready() {
        assertThat(s.get("/health", null).json().path("status").asText()).isEqualTo("up");
        assertThat(s.get("/health/ready", null).json().path("status").asText()).isEqualTo("ready");
        s.get("/api/v1/me", ana);
        String metrics = s.get("/metrics", null).body();
        assertThat(metrics).contains("http_server_requests_seconds_count").contains("takedown_matcher_entries")
                .contains("jvm_memory_used_bytes");
    }
}
