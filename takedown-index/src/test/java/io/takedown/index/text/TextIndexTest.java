package io.takedown.index.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.signals.text.TextSignal;
import org.junit.jupiter.api.Test;

class TextIndexTest {

    static final String WEATHER = "The regional weather service announced that temperatures will fall gradually over "
            + "the coming days, with scattered rain along the coast.";
    static final String LIBRARY = "The city library opened a new reading room with thousands of books on history, "
            + "science and literature.";

    @Test
    void findsEditedCopies_notUnrelatedTexts_andForgetsRemovedOnes() {
        TextIndex index = new TextIndex();
        index.add(1, TextSignal.fingerprint(WEATHER));
        index.add(2, TextSignal.fingerprint(LIBRARY));
        var matches = index.search(TextSignal.fingerprint("The regional weather service said that temperatures will "
                + "fall gradually over the next days, with scattered rain along the coast!"), 0.5);
        assertThat(matches).extracting(TextMatch::id).containsExactly(1);
        assertThat(matches.getFirst().similarity()).isBetween(0.5, 1.0);
        assertThat(index.remove(1)).isTrue();
        assertThat(index.search(TextSignal.fingerprint(WEATHER), 0.5)).isEmpty();
        assertThat(index.size()).isEqualTo(1);
    }

    /**
     * Issue 14 item 12: re-adding an id removed the new sketch's bands and left the old ones, so after a removal
     * a search hit an id without a sketch (NullPointerException) and the new text was not found.
     */
    @Test
    void add_sameIdAgain_replacesTheSketch_andRemovalLeavesNothingBehind() {
        TextIndex index = new TextIndex();
        index.add(1, TextSignal.fingerprint(WEATHER));
        index.add(1, TextSignal.fingerprint(LIBRARY));
        assertThat(index.search(TextSignal.fingerprint(LIBRARY), 0.9)).extracting(TextMatch::id).containsExactly(1);
        assertThat(index.search(TextSignal.fingerprint(WEATHER), 0.5)).isEmpty();
        assertThat(index.remove(1)).isTrue();
        assertThat(index.search(TextSignal.fingerprint(WEATHER), 0.5)).isEmpty();
        assertThat(index.search(TextSignal.fingerprint(LIBRARY), 0.5)).isEmpty();
    }
}
