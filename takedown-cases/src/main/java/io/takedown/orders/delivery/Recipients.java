package io.takedown.orders.delivery;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * What both HTTPS transports keep per recipient (host and port): the protocol it agreed to, how many requests
 * may be in flight to it ({@link HttpsTransport#HTTP2_STREAMS} once HTTP/2 is agreed, else
 * {@link HttpsTransport#HTTP1_CONNECTIONS}), and the warm-up that opens one connection to each before a burst.
 */
final class Recipients {

    /** Opens a connection to a recipient; true when it agreed to HTTP/2. */
    @FunctionalInterface
    interface Connect {
        boolean multiplexed(URI endpoint) throws IOException, InterruptedException;
    }

    private final Map<String, Semaphore> lanes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> multiplexed = new ConcurrentHashMap<>();

    static String origin(URI endpoint) {
        return endpoint.getHost() + ":" + endpoint.getPort();
    }

    /** The in-flight limit for {@code endpoint}'s recipient: wide once HTTP/2 is agreed, narrow otherwise. */
    Semaphore lane(URI endpoint) {
        String origin = origin(endpoint);
        boolean h2 = multiplexed.getOrDefault(origin, false);
        return lanes.computeIfAbsent(origin + (h2 ? "#h2" : "#h1"), k -> new Semaphore(h2 ? HttpsTransport.HTTP2_STREAMS
                : HttpsTransport.HTTP1_CONNECTIONS));
    }

    /** Notes the protocol an answer came over, unless one is known already. */
    void answeredOver(URI endpoint, boolean h2) {
        multiplexed.putIfAbsent(origin(endpoint), h2);
    }

    /**
     * Connects to each recipient once (the first endpoint named for it), {@link HttpsTransport#WARM_AT_ONCE} at a
     * time, and notes what each agreed to.
     *
     * @return per recipient {@code h2}, {@code http/1.1} or {@code failed: reason}, in the order first named
     */
    Map<String, String> warm(Collection<URI> endpoints, Connect connect) {
        List<URI> first = firstPerRecipient(endpoints);
        Map<String, String> out = new LinkedHashMap<>();
        Semaphore atOnce = new Semaphore(HttpsTransport.WARM_AT_ONCE);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> answers = new ArrayList<>();
            for (URI endpoint : first) {
                answers.add(threads.submit(() -> {
                    atOnce.acquire();
                    try {
                        boolean h2 = connect.multiplexed(endpoint);
                        multiplexed.put(origin(endpoint), h2);
                        return h2 ? "h2" : "http/1.1";
                    } catch (IOException | RuntimeException e) {
                        return "failed: " + e.getMessage();
                    } finally {
                        atOnce.release();
                    }
                }));
            }
            for (int i = 0; i < first.size(); i++) {
                try {
                    out.put(origin(first.get(i)), answers.get(i).get());
                } catch (ExecutionException e) {
                    out.put(origin(first.get(i)), "failed: " + e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return out;
    }

    /** The first endpoint named for each recipient. */
    static List<URI> firstPerRecipient(Collection<URI> endpoints) {
        Set<String> origins = new TreeSet<>();
        List<URI> first = new ArrayList<>();
        for (URI endpoint : endpoints) {
            if (origins.add(origin(endpoint))) {
                first.add(endpoint);
            }
        }
        return first;
    }
}
