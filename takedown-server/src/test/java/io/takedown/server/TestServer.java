package io.takedown.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.takedown.access.AgencyKind;
import io.takedown.access.Role;
import io.takedown.app.Takedown;
import io.takedown.app.TakedownConfig;
import io.takedown.server.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A real server on a loopback port over a fresh data directory, with a directory of agencies and users
 * (NL-IRU authority, DE-IRU authority, EU-HUB coordinator, HOST-1 provider) and an HTTP client.
 */
public final class TestServer implements AutoCloseable {

    public final Takedown takedown;
    public final TakedownServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An HTTP answer. */
    public record Response(int status, String body, HttpHeaders headers) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private TestServer(Path home, ServerSettings settings) {
        this.takedown = Takedown.open(TakedownConfig.embedded(home));
        this.server = TakedownServer.create(takedown, settings).start();
        server.matching().awaitReady(Duration.ofSeconds(30));
    }

    public static TestServer start(Path home) {
        return new TestServer(home, ServerSettings.forTests());
    }

    public static TestServer start(Path home, ServerSettings settings) {
        return new TestServer(home, settings);
    }

    /** The standard directory: an admin, and per agency one user per role. */
    public TestServer withDirectory() {
        var directory = takedown.directory();
        directory.addAgency(Optional.empty(), "NL-IRU", "Dutch IRU", "NL", AgencyKind.COMPETENT_AUTHORITY, Optional.empty());
        directory.addUser(Optional.empty(), "admin", "NL-IRU", Set.of(Role.ADMIN));
        var admin = Optional.of(directory.actor("admin"));
        directory.addAgency(admin, "DE-IRU", "German IRU", "DE", AgencyKind.COMPETENT_AUTHORITY, Optional.empty());
        directory.addAgency(admin, "EU-HUB", "Coordinator", "NL", AgencyKind.COORDINATOR, Optional.empty());
        directory.addAgency(admin, "HOST-1", "A host", "IE", AgencyKind.PROVIDER, Optional.empty());
        directory.addUser(admin, "ana", "NL-IRU", Set.of(Role.ANALYST));
        directory.addUser(admin, "bert", "NL-IRU", Set.of(Role.APPROVER));
        directory.addUser(admin, "otto", "NL-IRU", Set.of(Role.AUDITOR));
        directory.addUser(admin, "dora", "DE-IRU", Set.of(Role.ANALYST));
        directory.addUser(admin, "cora", "EU-HUB", Set.of(Role.COORDINATOR));
        directory.addUser(admin, "pia", "HOST-1", Set.of(Role.PROVIDER_STAFF));
        return this;
    }

    public String token(String user) {
        return server.accounts().issueTokenAsOperator(user, "test " + UUID.randomUUID()).secret();
    }

    public URI uri(String path) {
        return server.url().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public Response post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response post(String path, String token, Object body) {
        return post(path, token, Json.write(body));
    }

    /** A multipart POST of one file under {@code field}. */
    public Response upload(String path, String token, String field, String filename, byte[] content) {
        String boundary = "----takedown" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return send(request(path, token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Audit entries so far: "nothing changed" checks compare this before and after. */
    public long auditEntries() {
        return takedown.database().inTransaction(c -> {
            try (var rows = c.prepareStatement("SELECT COUNT(*) FROM audit_log").executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    public static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
        takedown.close();
    }
}
