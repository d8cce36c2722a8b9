package io.takedown.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.takedown.audit.Signer;
import io.takedown.orders.delivery.DeliveryRefusedException;
import io.takedown.orders.delivery.DeliverySettings;
import io.takedown.orders.delivery.HttpsTransport;
import io.takedown.orders.delivery.JettyHttpsTransport;
import io.takedown.orders.delivery.Transport;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.tls.RangeCa;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The strike's transport (Jetty's client) under the delivery rules: trust, allowlist, answers, redirects, timeouts. */
class BurstTransportTest {

    @Test
    void post_trustsTheConfiguredAuthorityOnly_overHttp2_andTheRangeAcknowledgesOncePerKey() throws Exception {
        World world = World.generate(42, RangeSize.SMALL);
        try (RangeServer range = new RangeServer(world, RangeClock.manual(Instant.parse("2026-03-02T08:00:00Z"))).start()) {
            URI endpoint = range.tlsNoticeEndpoint(world.providers().getFirst().id());
            Signer signer = Signer.ephemeral();
            range.issuerKeys().publish("NL-IRU", signer.publicKey());
            String jws = OrderJws.sign(signer, OrderJws.ORDER, "{\"issuing_authority\":{\"code\":\"NL-IRU\"},"
                    + "\"urls\":[\"http://reniva-courier.test/articles/1.html\"]}");
            byte[] body = OrderService.envelope("order", jws).getBytes(StandardCharsets.UTF_8);
            try (JettyHttpsTransport trusting = DeliverySettings.defaults(List.of(range.ca().certificate()))
                    .burstTransport()) {
                assertThat(trusting.warm(List.of(endpoint, endpoint)).values()).containsExactly("h2");
                AtomicInteger sent = new AtomicInteger();
                Transport.Response first = trusting.post(endpoint, "key-1", "application/json", body,
                        sent::incrementAndGet);
                assertThat(first.status()).isEqualTo(202);
                assertThat(first.body()).contains("\"received_at\"").contains("reniva-courier.test/articles/1.html");
                assertThat(sent).hasValue(1);
                assertThat(first.sentNanos()).isPositive().isLessThanOrEqualTo(first.answeredNanos());
                Transport.Response again = trusting.post(endpoint, "key-1", "application/json", body);
                assertThat(again.status()).isEqualTo(200);
                assertThat(again.body()).isEqualTo(first.body());
            }
            assertThat(range.deliveriesPerKey()).containsEntry("key-1", 2);
            assertThat(range.notices()).hasSize(1);

            try (JettyHttpsTransport other = DeliverySettings.defaults(List.of(RangeCa.create().certificate()))
                    .burstTransport();
                 JettyHttpsTransport none = DeliverySettings.defaults(List.of()).burstTransport()) {
                assertThatThrownBy(() -> other.post(endpoint, "key-2", "application/json", body))
                        .isInstanceOf(IOException.class);
                assertThatThrownBy(() -> none.post(endpoint, "key-3", "application/json", body))
                        .as("no anchors: the system's authorities are not trusted either").isInstanceOf(IOException.class);
                assertThat(other.warm(List.of(endpoint)).values()).singleElement().asString().startsWith("failed");
            }
            assertThat(range.deliveriesPerKey()).doesNotContainKeys("key-2", "key-3");
        }
    }

    @Test
    void post_refusesWhatIsNotOnTheAllowlist_beforeConnecting() {
        try (JettyHttpsTransport transport = DeliverySettings.defaults(List.of()).burstTransport()) {
            assertThatThrownBy(() -> transport.post(URI.create("https://10.1.2.3/notice"), "k", "application/json",
                    new byte[0])).isInstanceOf(DeliveryRefusedException.class);
            assertThatThrownBy(() -> transport.post(URI.create("http://127.0.0.1:1/notice"), "k", "application/json",
                    new byte[0])).isInstanceOf(DeliveryRefusedException.class).hasMessageContaining("HTTPS only");
            assertThat(transport.warm(List.of(URI.create("https://10.1.2.3/notice"))).values()).singleElement()
                    .asString().startsWith("failed");
        }
    }

    @Test
    void post_overHttp1_keepsAtMostMaxAnswer_followsNoRedirect_checksTheAddress_andTimesOut() throws Exception {
        RangeCa ca = RangeCa.create();
        CountDownLatch never = new CountDownLatch(1);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(ca.serverContext(List.of("127.0.0.1"))));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/big", exchange -> {
            byte[] big = "a".repeat(HttpsTransport.MAX_ANSWER * 3).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(202, big.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(big);
            }
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/big");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/silent", exchange -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        // Another loopback address presenting a certificate for 127.0.0.1: not the name asked for.
        HttpsServer misnamed = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 16);
        misnamed.setHttpsConfigurator(new HttpsConfigurator(ca.serverContext(List.of("127.0.0.1"))));
        misnamed.createContext("/", exchange -> {
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        misnamed.start();
        String base = "https://127.0.0.1:" + server.getAddress().getPort();
        DeliverySettings settings = DeliverySettings.defaults(List.of(ca.certificate()));
        try (JettyHttpsTransport transport = settings.burstTransport();
             JettyHttpsTransport quick = settings.withTimeout(Duration.ofMillis(300)).burstTransport()) {
            assertThat(transport.warm(List.of(URI.create(base + "/big"))).values()).containsExactly("http/1.1");
            Transport.Response big = transport.post(URI.create(base + "/big"), "k1", "application/json", new byte[10]);
            assertThat(big.acknowledged()).isTrue();
            assertThat(big.body()).hasSize(HttpsTransport.MAX_ANSWER);
            Transport.Response moved = transport.post(URI.create(base + "/moved"), "k2", "application/json", new byte[1]);
            assertThat(moved.status()).isEqualTo(302);
            assertThat(moved.acknowledged()).isFalse();
            assertThatThrownBy(() -> quick.post(URI.create(base + "/silent"), "k3", "application/json", new byte[1]))
                    .isInstanceOf(HttpTimeoutException.class);
            URI otherName = URI.create("https://127.0.0.2:" + misnamed.getAddress().getPort() + "/notice");
            assertThatThrownBy(() -> transport.post(otherName, "k4", "application/json", new byte[1]))
                    .isInstanceOf(IOException.class);
        } finally {
            never.countDown();
            server.stop(0);
            misnamed.stop(0);
        }
    }
}
