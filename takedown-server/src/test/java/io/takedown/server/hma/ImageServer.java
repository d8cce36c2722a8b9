package io.takedown.server.hma;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Serves two generated checkerboard JPEGs on a loopback port, as HMA's own tests do (cells of 8 and 16 pixels
 * give different PDQ hashes), plus a plain-text file.
 */
final class ImageServer implements AutoCloseable {

    final Map<String, byte[]> files;
    private final HttpServer server;

    ImageServer() {
        files = Map.of("image1.jpg", checkerboard(8), "image2.jpg", checkerboard(16));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            byte[] body = files.get(name);
            if (body == null) {
                body = "not an image".getBytes();
                exchange.getResponseHeaders().add("Content-Type", name.equals("text.txt") ? "text/plain" : "text/plain");
                exchange.sendResponseHeaders(name.equals("text.txt") ? 200 : 404, body.length);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
                exchange.sendResponseHeaders(200, body.length);
            }
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    static byte[] checkerboard(int cell) {
        BufferedImage image = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 128; x++) {
            for (int y = 0; y < 128; y++) {
                image.setRGB(x, y, (x / cell + y / cell) % 2 == 1 ? 0xFFFFFF : 0x000000);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
