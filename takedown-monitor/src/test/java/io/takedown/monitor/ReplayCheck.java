package io.takedown.monitor;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a WACZ in ReplayWeb.page (the npm package's {@code ui.js} and {@code sw.js}) inside Debian's
 * Chromium driven by Playwright, and reports whether the archived page rendered with the expected text.
 * The files are served from loopback with HTTP range requests, as WACZ readers expect.
 */
final class ReplayCheck {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private ReplayCheck() {
    }

    /** The replayed page's text, or empty when it did not render within the time. */
    static Optional<String> replay(Path replayWebPage, Path wacz, String url, String expectedText) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        String html = "<!doctype html><html><head><script src=\"/ui.js\"></script></head><body>"
                + "<replay-web-page style=\"height:600px;display:block\" source=\"/evidence.wacz\" url=\"" + url
                + "\" replayBase=\"/replay/\" embed=\"replayonly\"></replay-web-page></body></html>";
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/", "/index.html" -> send(exchange, "text/html", html.getBytes(StandardCharsets.UTF_8));
                case "/ui.js" -> send(exchange, "application/javascript", Files.readAllBytes(replayWebPage.resolve("ui.js")));
                case "/replay/sw.js", "/sw.js" -> send(exchange, "application/javascript",
                        Files.readAllBytes(replayWebPage.resolve("sw.js")));
                case "/evidence.wacz" -> send(exchange, "application/wacz", Files.readAllBytes(wacz));
                default -> {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                }
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Path.of("/usr/bin/chromium")).setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-dev-shm-usage")));
            Page page = browser.newPage();
            page.navigate(base);
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                for (Frame frame : page.frames()) {
                    try {
                        String text = frame.innerText("body");
                        if (text.contains(expectedText)) {
                            return Optional.of(text);
                        }
                    } catch (RuntimeException notReady) {
                        // the frame is still loading
                    }
                }
                page.waitForTimeout(500);
            }
            return Optional.empty();
        } finally {
            server.stop(0);
        }
    }

    private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            String range = exchange.getRequestHeaders().getFirst("Range");
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (m != null && m.matches()) {
                int start = Integer.parseInt(m.group(1));
                int end = m.group(2).isEmpty() ? body.length - 1 : Math.min(body.length - 1, Integer.parseInt(m.group(2)));
                exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + body.length);
                exchange.sendResponseHeaders(206, end - start + 1);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body, start, end - start + 1);
                }
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
