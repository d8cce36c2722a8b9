package io.takedown.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop lets the request in flight finish, then refuses new connections. */
class GracefulShutdownTest {

    @TempDir
    Path home;

    @Test
    void close_letsInFlightRequestsFinish() throws Exception {
        CountDownLatch fetching = new CountDownLatch(1);
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slow.createContext("/", exchange -> {
            fetching.countDown();
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "not an image".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        slow.start();
        try {
            TestServer s = TestServer.start(home).withDirectory();
            String token = s.token("ana");
            String url = "http://127.0.0.1:" + slow.getAddress().getPort() + "/slow";
            CompletableFuture<TestServer.Response> inFlight = CompletableFuture.supplyAsync(
                    () -> s.get("/h/hash?url=" + url, token));
            assertThat(fetching.await(30, TimeUnit.SECONDS)).isTrue();
            java.net.URI health = s.uri("/health");
            s.close();
            TestServer.Response answered = inFlight.get(30, TimeUnit.SECONDS);
            // The request ran to its own answer (HMA's 400 for a non-media URL), not a dropped connection.
            assertThat(answered.status()).isEqualTo(400);
            assertThat(answered.json().path("message").asText()).contains("unsupported url ContentType");
            try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
                client.send(java.net.http.HttpRequest.newBuilder(health).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                throw new AssertionError("the stopped server still answers");
            } catch (IOException expected) {
                assertThat(expected).isInstanceOf(java.net.ConnectException.class);
            }
        } finally {
            slow.stop(0);
        }
    }
}
