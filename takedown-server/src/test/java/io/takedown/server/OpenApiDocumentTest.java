package io.takedown.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.takedown.server.http.Json;
import io.takedown.server.http.Route;
import io.takedown.server.ops.OpsRoutes;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document lists exactly the routes the server registers (console pages aside). */
class OpenApiDocumentTest {

    @TempDir
    Path home;

    @Test
    void document_matchesRegisteredRoutes() throws Exception {
        try (TestServer s = TestServer.start(home)) {
            TestServer.Response response = s.get(OpsRoutes.OPENAPI_PATH, null);
            assertThat(response.status()).isEqualTo(200);
            JsonNode document = Json.MAPPER.readTree(response.body());
            assertThat(document.path("openapi").asText()).startsWith("3.");
            Set<String> documented = new TreeSet<>();
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                    method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
            Set<String> served = new TreeSet<>();
            for (Route route : s.server.routes()) {
                if (route.documented()) {
                    served.add(route.method() + " " + route.path());
                }
            }
            assertThat(documented).isEqualTo(served);
            // Every operation says how it fails.
            document.path("paths").forEach(path -> path.forEach(operation ->
                    assertThat(operation.path("responses").size()).isPositive()));
        }
    }
}
