package io.takedown.monitor.capture;

import io.takedown.core.Hex;
import io.takedown.signals.media.DecodedImage;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.pdq.PdqImageHashing;
import io.takedown.signals.pdq.PdqResult;
import io.takedown.signals.text.TextSignal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The signals of captured bytes, in memory: md5 and sha256 always, PDQ (with its quality) for images,
 * the text fingerprint for text. A corrupt image or odd text costs its content signal only. Thread-safe.
 *
 * <p>An image met again with the same bytes (an outlet's logo in every newsletter, a picture linked from
 * several pages) is not decoded and hashed again: its PDQ is remembered by SHA-256, for the last few
 * thousand images.
 */
public final class ContentSignals {

    private final ImageDecoder decoder = new ImageDecoder();
    private final ThreadLocal<PdqImageHashing> pdq = ThreadLocal.withInitial(PdqImageHashing::new);
    private final TextSignal text = new TextSignal();
    private final Map<String, Map<String, String>> imageSignals = new java.util.concurrent.ConcurrentHashMap<>();

    /** Images whose signals are remembered at most; then the memory starts afresh. */
    static final int REMEMBERED_IMAGES = 4096;

    /** Signal name to value; {@code pdq_quality} accompanies {@code pdq}; {@code error} names a failure. */
    public Map<String, String> of(byte[] bytes, String mediaType, Optional<String> visibleText, String source) {
        Map<String, String> signals = new LinkedHashMap<>();
        signals.put("md5", Hex.encode(digest("MD5", bytes)));
        String sha256 = Hex.encode(digest("SHA-256", bytes));
        signals.put("sha256", sha256);
        if (mediaType.startsWith("image/")) {
            Map<String, String> image = imageSignals.get(sha256);
            if (image == null) {
                image = imageSignals(bytes, source);
                if (!image.containsKey("error")) { // an error names its source: not kept for others
                    if (imageSignals.size() >= REMEMBERED_IMAGES) {
                        imageSignals.clear();
                    }
                    imageSignals.put(sha256, image);
                }
            }
            signals.putAll(image);
        }
        visibleText.filter(t -> t.strip().length() >= 20).ifPresent(t -> {
            try {
                signals.put("text", text.hash(t).value());
            } catch (RuntimeException e) {
                signals.put("error", "text: " + e.getMessage());
            }
        });
        return signals;
    }

    private Map<String, String> imageSignals(byte[] bytes, String source) {
        try {
            DecodedImage image = decoder.decode(bytes, source);
            PdqResult result = pdq.get().hash(image);
            Map<String, String> signals = new LinkedHashMap<>();
            signals.put("pdq", result.hash().toHex());
            signals.put("pdq_quality", Integer.toString(result.quality()));
            return java.util.Collections.unmodifiableMap(signals);
        } catch (RuntimeException e) {
            return Map.of("error", "image: " + e.getMessage());
        }
    }

    static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
