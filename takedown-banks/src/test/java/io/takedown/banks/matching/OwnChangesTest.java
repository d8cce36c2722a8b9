package io.takedown.banks.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.signals.pdq.PdqHash;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OwnChangesTest {

    @Test
    void parseCanonical_readsWhatToHexWrites_andLeavesAnythingElseToFromHex() {
        Random random = new Random(3);
        long[] words = new long[4];
        for (int i = 0; i < 1_000; i++) {
            PdqHash hash = new PdqHash(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
            assertThat(OwnChanges.parseCanonical(hash.toHex(), words, 0)).isTrue();
            assertThat(PdqHash.ofWords(words)).isEqualTo(hash);
        }
        String hex = new PdqHash(1, 2, 3, -1).toHex();
        assertThat(OwnChanges.parseCanonical(hex.toUpperCase(), words, 0)).isFalse();
        assertThat(OwnChanges.parseCanonical(hex.substring(1), words, 0)).isFalse();
        assertThat(OwnChanges.parseCanonical(hex.substring(1) + "g", words, 0)).isFalse();
        assertThat(OwnChanges.parseCanonical(hex.substring(1) + "\u0661", words, 0)).isFalse(); // Arabic-Indic one
    }
}
