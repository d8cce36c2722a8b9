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
 */
public final class ContentSignals {

    private final ImageDecoder decoder = new ImageDecoder();
    private final ThreadLocal<PdqImageHashing> pdq = ThreadLocal.withInitial(PdqImageHashing::new);
    private final TextSignal text = new TextSignal();

    /** Signal name to value; {@code pdq_quality} accompanies {@code pdq}; {@code error} names a failure. */
    public Map<String, String> of(byte[] bytes, String mediaType, Optional<String> visibleText, String source) {
        Map<String, String> signals = new LinkedHashMap<>();
        signals.put("md5", Hex.encode(digest("MD5", bytes)));
        signals.put("sha256", Hex.encode(digest("SHA-256", bytes)));
        if (mediaType.startsWith("image/")) {
            try {
                DecodedImage image = decoder.decode(bytes, source);
                PdqResult result = pdq.get().hash(image);
                signals.put("pdq", result.hash().toHex());
                signals.put("pdq_quality", Integer.toString(result.quality()));
            } catch (RuntimeException e) {
                signals.put("error", "image: " + e.getMessage());
            }
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

    static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
