package io.takedown.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.audit.Signer;
import io.takedown.cases.PublishedKeys;
import io.takedown.orders.delivery.DeliverySettings;
import io.takedown.orders.delivery.Transport;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The provider's side checks each order against the key its issuing authority published: an order signed by
 * that key is acted on; a forged one (another authority's key, an unknown key, a payload changed after
 * signing, a procedures notice passed off as an order, no signature) is refused with a clear 4xx and nothing
 * is recorded. A 4xx is final for the relay: the delivery is marked failed for the issuer to look at.
 */
class ForgedOrderTest {

    private static final String ORDER = "{\"issuing_authority\":{\"code\":\"NL-IRU\"},"
            + "\"urls\":[\"http://reniva-courier.test/articles/1.html\"]}";

    @Test
    void gateway_refusesForgedOrders_andActsOnTheIssuersOwn() throws Exception {
        World world = World.generate(42, RangeSize.SMALL);
        try (RangeServer range = new RangeServer(world, RangeClock.manual(Instant.parse("2026-03-02T08:00:00Z"))).start()) {
            URI endpoint = range.tlsNoticeEndpoint(world.providers().getFirst().id());
            Transport https = DeliverySettings.defaults(List.of(range.ca().certificate())).transport();
            Signer nl = Signer.ephemeral();
            Signer de = Signer.ephemeral();
            range.issuerKeys().publish(PublishedKeys.jwks("NL-IRU", List.of(nl.publicKey())));
            range.issuerKeys().publish("DE-CA", de.publicKey());

            // Another authority's key, claiming to be NL-IRU: an authority cannot issue in another's name.
            Transport.Response foreign = post(https, endpoint, "k1", OrderJws.sign(de, OrderJws.ORDER, ORDER));
            assertThat(foreign.status()).isEqualTo(403);
            assertThat(foreign.body()).contains("not a published key of the issuing authority NL-IRU");
            // A key nobody published.
            assertThat(post(https, endpoint, "k2", OrderJws.sign(Signer.ephemeral(), OrderJws.ORDER, ORDER)).status())
                    .isEqualTo(403);
            // The issuer's key, but the URL changed after signing.
            String genuine = OrderJws.sign(nl, OrderJws.ORDER, ORDER);
            String[] parts = genuine.split("\\.");
            String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(ORDER
                    .replace("articles/1", "articles/2").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
            Transport.Response tampered = post(https, endpoint, "k3", altered);
            assertThat(tampered.status()).isEqualTo(403);
            assertThat(tampered.body()).contains("signature does not verify");
            // A procedures notice of the issuer replayed as an order; and no signature at all.
            Transport.Response replayed = post(https, endpoint, "k4", OrderJws.sign(nl, OrderJws.PROCEDURES, ORDER));
            assertThat(replayed.status()).isEqualTo(400);
            assertThat(replayed.body()).contains("typ must be tco-order+jws");
            assertThat(post(https, endpoint, "k5", "not.a.jws").status()).isEqualTo(400);
            assertThat(range.notices()).as("nothing forged was acted on").isEmpty();
            assertThat(range.deliveriesPerKey()).isEmpty();

            Transport.Response accepted = post(https, endpoint, "k6", genuine);
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(range.notices()).hasSize(1);
            // A key the authority rotated in later is found once published.
            Signer nlNext = Signer.ephemeral();
            assertThat(post(https, endpoint, "k7", OrderJws.sign(nlNext, OrderJws.ORDER, ORDER.replace("1.html",
                    "3.html"))).status()).isEqualTo(403);
            range.issuerKeys().publish(PublishedKeys.jwks("NL-IRU", List.of(nlNext.publicKey(), nl.publicKey())));
            assertThat(post(https, endpoint, "k8", OrderJws.sign(nlNext, OrderJws.ORDER, ORDER.replace("1.html",
                    "3.html"))).status()).isEqualTo(202);
        }
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void relay_marksAForgedOrderFailed_notRetried() throws Exception {
        World world = World.generate(42, RangeSize.SMALL);
        try (RangeServer range = new RangeServer(world, RangeClock.manual(Instant.parse("2026-03-02T08:00:00Z"))).start();
             LegalFixture f = new LegalFixture(io.takedown.store.Database.open("jdbc:sqlite:" + dir.resolve("forged.db")))) {
            // The issuer's real key is not the one the provider knows for NL-IRU.
            range.issuerKeys().publish("NL-IRU", Signer.ephemeral().publicKey());
            f.directory.setEndpoint(f.admin, "HOST-NL", java.util.Optional.of(range.tlsNoticeEndpoint(
                    world.outlets().getFirst().providers().getFirst()).toString()));
            long item = f.item("http://reniva-courier.test/articles/1.html", io.takedown.access.Handling.AMBER);
            long id = f.orders.draft(f.analyst, item, "HOST-NL", "TCO Art. 3", "reasons", true, "en").id();
            f.orders.approve(f.approver, id);
            f.orders.send(f.approver, id);
            DeliverySettings settings = DeliverySettings.defaults(List.of(range.ca().certificate()));
            OrderDelivery.Report report = new OrderDelivery(f.outbox, settings.transport(), settings, f.clock)
                    .deliver(id);
            assertThat(report.failed()).isEqualTo(1);
            assertThat(f.outbox.messages(id)).filteredOn(m -> m.kind() == OutboxMessage.Kind.ORDER).singleElement()
                    .satisfies(m -> {
                        assertThat(m.state()).isEqualTo(OutboxMessage.State.FAILED);
                        assertThat(m.lastError()).hasValueSatisfying(e -> assertThat(e).contains("HTTP 403")
                                .contains("not a published key of the issuing authority NL-IRU"));
                    });
            assertThat(f.orders.get(f.approver, id).status()).isEqualTo(OrderStatus.QUEUED);
            assertThat(range.notices()).isEmpty();
        }
    }

    private static Transport.Response post(Transport https, URI endpoint, String key, String jws) throws Exception {
        return https.post(endpoint, key, "application/json", OrderService.envelope("order", jws)
                .getBytes(StandardCharsets.UTF_8));
    }
}
