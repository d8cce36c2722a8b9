package io.takedown.signals.media;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.takedown.signals.pdq.PdqImageHashing;
import io.takedown.signals.pdq.PdqResult;

/**
 * Decoding untrusted bytes and hashing them never fails with anything but a clear
 * {@link ImageDecodingException}. Under {@code mvn verify} it replays the inputs in
 * {@code ImageDecodeFuzzTestInputs}; with {@code JAZZER_FUZZ=1} it fuzzes (see docs/operations.md).
 */
class ImageDecodeFuzzTest {

    /** Small limits keep each fuzz input fast; the limit logic itself is what is being exercised. */
    private static final ImageDecoder DECODER = new ImageDecoder(new ImageLimits(4_000_000, 4_000, 1 << 20));

    @FuzzTest(maxDuration = "60s")
    // ASCII only: Jazzer writes entries to a libFuzzer dictionary, which rejects raw non-ASCII bytes.
    @DictionaryEntries({"IHDR", "IDAT", "IEND", "PLTE", "tRNS", "RIFF", "WEBP", "VP8 ", "VP8L", "VP8X", "GIF89a",
        "BM", "JFIF", "Exif", "Adobe", "ALPH", "ANIM"})
    void decodeAndHash(byte[] input) {
        DecodedImage image;
        try {
            image = DECODER.decode(input, "fuzz");
        } catch (ImageDecodingException expected) {
            return;
        }
        PdqResult result = new PdqImageHashing().hash(image);
        if (result.quality() < 0 || result.quality() > 100) {
            throw new IllegalStateException("quality out of range: " + result.quality());
        }
    }
}
