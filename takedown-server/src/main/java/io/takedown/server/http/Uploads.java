package io.takedown.server.http;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.util.List;
import java.util.Map;

/** Multipart uploads; a malformed multipart body is the client's 400, not our 500. */
public final class Uploads {

    private Uploads() {
    }

    public static List<UploadedFile> files(Context ctx) {
        try {
            return ctx.uploadedFiles();
        } catch (Exception e) { // Kotlin rethrows Jetty's checked IOException unchecked
            throw malformed(e);
        }
    }

    public static Map<String, List<UploadedFile>> fileMap(Context ctx) {
        try {
            return ctx.uploadedFileMap();
        } catch (Exception e) { // Kotlin rethrows Jetty's checked IOException unchecked
            throw malformed(e);
        }
    }

    private static RuntimeException malformed(Exception e) {
        if (e instanceof HttpProblem problem) {
            return problem;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (message.toLowerCase().contains("exceed") || message.toLowerCase().contains("too large")) {
            return new HttpProblem(413, "upload over the limit: " + message);
        }
        return HttpProblem.badRequest("malformed multipart body: " + message);
    }
}
