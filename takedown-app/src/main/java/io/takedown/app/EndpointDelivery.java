package io.takedown.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.takedown.cases.Agency;
import io.takedown.orders.Transmitter;
import io.takedown.range.RangeHttpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Delivers a signed order to a provider's notice endpoint: a JSON body with the JWS and the URL it names;
 * anything but a 2xx answer is a failed delivery. Loopback only (the range's client refuses anything else).
 * Until the order workflow's own outbox delivery lands, action days and the demo send through this.
 */
public final class EndpointDelivery implements Transmitter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<Agency, Optional<String>> endpoints;
    private final RangeHttpClient client;

    /** Delivers to the endpoint {@code endpoints} gives for a provider. */
    public EndpointDelivery(Function<Agency, Optional<String>> endpoints, RangeHttpClient client) {
        this.endpoints = endpoints;
        this.client = client;
    }

    /** Delivers to the endpoint recorded in the directory. */
    public static EndpointDelivery toDirectoryEndpoints() {
        return new EndpointDelivery(Agency::endpoint, new RangeHttpClient(host -> Optional.empty()));
    }

    @Override
    public String deliver(Agency provider, String signedOrder) throws IOException {
        String endpoint = endpoints.apply(provider).orElseThrow(() -> new IOException(provider.code()
                + " has no endpoint for orders in the directory"));
        String[] parts = signedOrder.split("\\.");
        if (parts.length != 3) {
            throw new IOException("not a compact JWS");
        }
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String url = JSON.readTree(payload).path("urls").path(0).asText();
        byte[] body = JSON.writeValueAsBytes(Map.of("kind", "order", "order", signedOrder, "url", url));
        var response = client.post(endpoint, "application/json", body);
        if (response.status() / 100 != 2) {
            throw new IOException(provider.code() + " answered HTTP " + response.status());
        }
        return "HTTP " + response.status();
    }
}
