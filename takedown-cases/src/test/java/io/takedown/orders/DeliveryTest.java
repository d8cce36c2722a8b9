package io.takedown.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import io.takedown.audit.Signer;
import io.takedown.core.InvalidInputException;
import io.takedown.orders.delivery.DeliveryRefusedException;
import io.takedown.orders.delivery.DeliverySettings;
import io.takedown.orders.delivery.EndpointAllowlist;
import io.takedown.orders.delivery.Transport;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.tls.RangeCa;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The delivery channel on its own: allowlist, TLS trust, signed document headers, report CSV. */
class DeliveryTest {

    @Test
    void allowlist_refusesPlainHttpAndAnythingOffLoopback() {
        EndpointAllowlist loopback = EndpointAllowlist.loopbackOnly();
        loopback.check(URI.create("https://127.0.10.7:8443/.well-known/takedown/notice"));
        loopback.check(URI.create("https://[::1]:8443/notice"));
        assertThatThrownBy(() -> loopback.check(URI.create("http://127.0.0.1:80/notice")))
                .isInstanceOf(DeliveryRefusedException.class).hasMessageContaining("HTTPS only");
        assertThatThrownBy(() -> loopback.check(URI.create("https://10.1.2.3/notice")))
                .hasMessageContaining("not on the delivery allowlist");
        assertThatThrownBy(() -> loopback.check(URI.create("https://provider.example/notice")))
                .isInstanceOf(DeliveryRefusedException.class);
        EndpointAllowlist configured = EndpointAllowlist.parse(List.of("# comment", "10.1.0.0/16", "provider.example"));
        configured.check(URI.create("https://10.1.200.3/notice"));
        configured.check(URI.create("https://PROVIDER.example/notice"));
        assertThatThrownBy(() -> configured.check(URI.create("https://10.2.0.1/notice")))
                .isInstanceOf(DeliveryRefusedException.class);
        assertThatThrownBy(() -> EndpointAllowlist.parse(List.of("10.0.0.0/40"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void https_trustsTheConfiguredAuthorityOnly_andTheRangeAcknowledgesOncePerKey() throws Exception {
        World world = World.generate(42, RangeSize.SMALL);
        try (RangeServer range = new RangeServer(world, RangeClock.manual(Instant.parse("2026-03-02T08:00:00Z"))).start()) {
            URI endpoint = range.tlsNoticeEndpoint(world.providers().getFirst().id());
            Signer signer = Signer.ephemeral();
            range.issuerKeys().publish("NL-IRU", signer.publicKey());
            String jws = OrderJws.sign(signer, OrderJws.ORDER, "{\"issuing_authority\":{\"code\":\"NL-IRU\"},"
                    + "\"urls\":[\"http://reniva-courier.test/articles/1.html\"]}");
            byte[] body = OrderService.envelope("order", jws).getBytes(StandardCharsets.UTF_8);
            Transport trusting = DeliverySettings.defaults(List.of(range.ca().certificate())).transport();
            Transport.Response first = trusting.post(endpoint, "key-1", "application/json", body);
            assertThat(first.status()).isEqualTo(202);
            assertThat(first.body()).contains("\"received_at\"").contains("reniva-courier.test/articles/1.html");
            Transport.Response again = trusting.post(endpoint, "key-1", "application/json", body);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(range.deliveriesPerKey()).containsEntry("key-1", 2);
            assertThat(range.notices()).hasSize(1);

            Transport other = DeliverySettings.defaults(List.of(RangeCa.create().certificate())).transport();
            assertThatThrownBy(() -> other.post(endpoint, "key-2", "application/json", body))
                    .isInstanceOf(IOException.class);
            Transport none = DeliverySettings.defaults(List.of()).transport();
            assertThatThrownBy(() -> none.post(endpoint, "key-3", "application/json", body))
                    .as("no anchors: the system's authorities are not trusted either").isInstanceOf(IOException.class);
            assertThat(range.deliveriesPerKey()).doesNotContainKeys("key-2", "key-3");
        }
    }

    @Test
    void jws_kidIsTheRfc7638Thumbprint_andVerifyChecksAlgTypKidAndSignature() throws Exception {
        Signer signer = Signer.ephemeral();
        byte[] encoded = signer.publicKey().getEncoded();
        byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        String thumbprint = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw)).build()
                .computeThumbprint().toString();
        assertThat(signer.keyId()).isEqualTo(thumbprint);

        String jws = OrderJws.sign(signer, OrderJws.ORDER, "{\"urls\":[\"https://a.test/x\"]}");
        String header = new String(Base64.getUrlDecoder().decode(jws.split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"EdDSA\"").contains("\"typ\":\"tco-order+jws\"")
                .contains("\"kid\":\"" + thumbprint + "\"").doesNotContain("JWT");
        java.util.function.Function<String, Optional<java.security.PublicKey>> keys =
                kid -> kid.equals(thumbprint) ? Optional.of(signer.publicKey()) : Optional.empty();
        assertThat(OrderJws.verify(jws, OrderJws.ORDER, keys)).contains("https://a.test/x");
        assertThatThrownBy(() -> OrderJws.verify(jws, OrderJws.PROCEDURES, keys)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("typ must be tco-procedures+jws");
        assertThatThrownBy(() -> OrderJws.verify(signer.jws("{\"urls\":[]}"), OrderJws.ORDER, keys))
                .hasMessageContaining("typ must be");
        assertThatThrownBy(() -> OrderJws.verify(jws, OrderJws.ORDER, kid -> Optional.empty()))
                .hasMessageContaining("unknown signing key");
        String[] parts = jws.split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"urls\":[\"https://b.test/y\"]}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> OrderJws.verify(tampered, OrderJws.ORDER, keys)).hasMessageContaining("does not verify");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"tco-order+jws\"}"
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        assertThatThrownBy(() -> OrderJws.verify(none, OrderJws.ORDER, keys)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> OrderJws.verify("not a jws", OrderJws.ORDER, keys)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void transparencyCsv_quotesLineBreaksAndQuotes_andReadsBackField_forField() throws Exception {
        TransparencyReport report = TransparencyReport.of(2026, "NL-IRU", List.of(
                new TransparencyReport.Line("Art. 7 view - provider \"X\", Inc.", "orders\nreceived", "3"),
                new TransparencyReport.Line("plain", "measure,with comma", "1\r\n2")));
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(report.csv())).getRecords();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("section")).isEqualTo("Art. 7 view - provider \"X\", Inc.");
        assertThat(records.get(0).get("measure")).isEqualTo("orders\nreceived");
        assertThat(records.get(1).get("value")).isEqualTo("1\r\n2");
    }
}
