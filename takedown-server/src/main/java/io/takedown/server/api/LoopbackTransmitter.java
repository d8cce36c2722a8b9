package io.takedown.server.api;

import io.takedown.cases.Agency;
import io.takedown.orders.Transmitter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Delivers a signed order the way the CLI does until the orders line's outbox takes over delivery: a POST to
 * the provider's endpoint, which must resolve to a loopback address (the synthetic range). A provider
 * without an endpoint gets the order out of band.
 */
final class LoopbackTransmitter implements Transmitter {

    static final LoopbackTransmitter INSTANCE = new LoopbackTransmitter();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public String deliver(Agency provider, String signedOrder) throws Exception {
        if (provider.endpoint().isEmpty()) {
            return "no endpoint; deliver the signed order out of band";
        }
        URI endpoint = URI.create(provider.endpoint().get());
        String host = endpoint.getHost();
        // Literal loopback addresses only: resolving a name could already send a query off the machine.
        if (host == null || !(host.equals("localhost") || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
                || host.equals("[::1]"))) {
            throw new IllegalStateException("endpoint " + endpoint + " is not on this machine; only loopback (range) "
                    + "providers are contacted");
        }
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/jose").POST(HttpRequest.BodyPublishers.ofString(signedOrder)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("provider answered HTTP " + response.statusCode());
        }
        return "HTTP " + response.statusCode() + " " + response.body().strip();
    }
}
