package io.takedown.signals.vpdq;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.takedown.core.InvalidInputException;

/**
 * Partner files carry vPDQ in two text forms: any string either parses, and then its canonical form parses
 * to the same canonical form, or is refused with an {@link InvalidInputException}.
 */
class VpdqTextFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parsesToAStableCanonicalFormOrRefuses(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        String canonical;
        try {
            canonical = VpdqHash.parse(text).toExchange();
        } catch (InvalidInputException expected) {
            return;
        }
        String again = VpdqHash.parse(canonical).toExchange();
        if (!again.equals(canonical)) {
            throw new IllegalStateException("not stable: " + canonical + " -> " + again);
        }
    }
}
