package io.takedown.server.hma;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.takedown.server.ServerSettings;
import io.takedown.server.hashing.UploadHashing;
import io.takedown.server.http.HttpProblem;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HMA's request conventions: content types as multipart field names or {@code content_type}, signal type
 * subsets in {@code types}, media fetched from {@code url} — here only from loopback hosts the operator
 * listed ({@code hma.fetch-hosts}), because Takedown never contacts another machine. Errors carry HMA's
 * messages.
 */
final class HmaRequests {

    static final List<String> CONTENT_TYPES = List.of("photo", "video");

    private final UploadHashing hashing;
    private final ServerSettings settings;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    HmaRequests(UploadHashing hashing, ServerSettings settings) {
        this.hashing = hashing;
        this.settings = settings;
    }

    static HttpProblem error(int status, String message) {
        return new HttpProblem(status, message);
    }

    List<SignalType> signalTypes(String contentType, String typesParam) {
        if (!CONTENT_TYPES.contains(contentType)) {
            throw error(400, "no such content_type: '" + contentType + "'");
        }
        List<SignalType> all = hashing.typesFor(contentType);
        if (all.isEmpty()) {
            throw error(500, "No signal types configured!");
        }
        if (typesParam == null) {
            return all;
        }
        Map<String, SignalType> chosen = new LinkedHashMap<>();
        for (String raw : typesParam.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            SignalType type = all.stream().filter(t -> t.name().equals(name)).findFirst()
                    .orElseThrow(() -> error(400, "signal type '" + name + "' doesn't exist or is disabled"));
            chosen.put(name, type);
        }
        if (chosen.isEmpty()) {
            throw error(400, "empty signal type selection");
        }
        return List.copyOf(chosen.values());
    }

    /** The one uploaded file of a multipart request, hashed by its field's content type. */
    Map<String, Signal> hashUpload(Context ctx) {
        Map<String, List<UploadedFile>> files = io.takedown.server.http.Uploads.fileMap(ctx);
        if (files.isEmpty()) {
            throw error(400, "Missing multipart/form-data file upload");
        }
        if (files.size() > 1 || files.values().iterator().next().size() > 1) {
            throw error(400, "Only one file allowed per request");
        }
        Map.Entry<String, List<UploadedFile>> field = files.entrySet().iterator().next();
        List<SignalType> types = signalTypes(field.getKey(), ctx.queryParam("types"));
        UploadedFile file = field.getValue().getFirst();
        try (InputStream content = file.content()) {
            return hashing.hash(content, "upload", types);
        } catch (IOException e) {
            throw error(400, "could not read the upload: " + e.getMessage());
        }
    }

    /** Fetches {@code url} (a listed loopback host only) and hashes it as its content type says. */
    Map<String, Signal> hashUrl(String url, String contentTypeHint, String typesParam) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw error(400, "Invalid or unsafe URL provided");
        }
        String host = uri.getHost();
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || host == null || !settings.fetchHosts().contains(host) || !literalLoopback(host)) {
            throw error(400, "Invalid or unsafe URL provided");
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw error(400, "Failed to fetch URL: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error(503, "interrupted");
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw error(400, "Failed to fetch URL: HTTP " + response.statusCode());
            }
            long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
            if (declared > settings.maxBodyBytes()) {
                throw error(413, "Content too large");
            }
            String mediaType = response.headers().firstValue("content-type").orElse("");
            String contentType = contentTypeHint;
            if (contentType == null || contentType.isEmpty()) {
                if (mediaType.toLowerCase().startsWith("image")) {
                    contentType = "photo";
                } else if (mediaType.toLowerCase().startsWith("video")) {
                    contentType = "video";
                } else {
                    throw error(400, "unsupported url ContentType: '" + mediaType + "', if you know the expected "
                            + "type, provide it with the content_type query param");
                }
            }
            List<SignalType> types = signalTypes(contentType, typesParam);
            return hashing.hash(new LimitedInputStream(body, settings.maxBodyBytes()), "url", types);
        } catch (IOException e) {
            throw error(400, "Failed to fetch URL: " + e.getMessage());
        }
    }

    private static boolean literalLoopback(String host) {
        return host.equals("localhost") || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || host.equals("[::1]");
    }

    /** Stops reading past the limit with HMA's 413, whatever the server declared. */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private long left;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw error(413, "Content too large");
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                left -= n;
                if (left < 0) {
                    throw error(413, "Content too large");
                }
            }
            return n;
        }
    }
}
