package io.takedown.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;

/** The server's one JSON mapper and strict body parsing with clear 400s. */
public final class Json {

    // Jackson's default buffer pool is per thread, and every request runs on a new virtual thread: a shared
    // pool lets requests reuse the buffers instead of allocating them for every answer.
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build())
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private Json() {
    }

    /** The body as a JSON tree; a malformed or empty body is a 400 naming the problem. */
    public static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            throw HttpProblem.badRequest("a JSON body is required");
        }
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw HttpProblem.badRequest("malformed JSON: " + firstLine(e.getMessage()));
        }
    }

    /** The body as a JSON object (400 otherwise). */
    public static ObjectNode object(Context ctx) {
        JsonNode node = body(ctx);
        if (!(node instanceof ObjectNode object)) {
            throw HttpProblem.badRequest("the JSON body must be an object");
        }
        return object;
    }

    public static String text(JsonNode object, String field, boolean required) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw HttpProblem.badRequest("field '" + field + "' is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw HttpProblem.badRequest("field '" + field + "' must be a string");
        }
        return value.asText();
    }

    /**
     * Writes {@code value} as the JSON body straight to the response: the same bytes and content type as
     * {@code ctx.json}, which keeps the text as a stream that Javalin then copies out through a new 32 KiB
     * buffer per response. On the look-up path (thousands of answers a second) that buffer was most of the
     * garbage the server made, and so most of its collections.
     */
    public static void send(Context ctx, Object value) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ctx.contentType("application/json");
        try {
            ctx.outputStream().write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the response: " + e.getMessage(), e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
