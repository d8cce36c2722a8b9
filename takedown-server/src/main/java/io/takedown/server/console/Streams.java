package io.takedown.server.console;

import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open server-sent-event streams, so a stop can end them instead of waiting out its grace period. */
final class Streams {

    private final Set<SseClient> open = ConcurrentHashMap.newKeySet();

    void add(SseClient client) {
        open.add(client);
        client.onClose(() -> open.remove(client));
    }

    void closeAll() {
        for (SseClient client : open) {
            try {
                client.close();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
        open.clear();
    }
}
