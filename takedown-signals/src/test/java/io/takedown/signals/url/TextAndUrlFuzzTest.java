package io.takedown.signals.url;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.takedown.core.InvalidInputException;
import io.takedown.signals.text.MinHash;
import io.takedown.signals.text.TextSignal;

/**
 * Links and posts scraped from hostile sites: canonicalisation either yields a URL that canonicalises to
 * itself or refuses with a clear error; text fingerprinting never fails on any string.
 */
class TextAndUrlFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void canonicalUrlsAreStableOrRefused(FuzzedDataProvider data) {
        String url = data.consumeRemainingAsString();
        String canonical;
        try {
            canonical = UrlCanonicalizer.canonicalize(url);
        } catch (InvalidInputException expected) {
            return;
        }
        String again = UrlCanonicalizer.canonicalize(canonical);
        if (!again.equals(canonical)) {
            throw new IllegalStateException("not idempotent: " + canonical + " -> " + again);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyTextFingerprints(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        MinHash sketch = TextSignal.fingerprint(text);
        if (sketch.similarity(MinHash.fromHex(sketch.toHex())) != 1.0) {
            throw new IllegalStateException("sketch does not round-trip");
        }
    }
}
