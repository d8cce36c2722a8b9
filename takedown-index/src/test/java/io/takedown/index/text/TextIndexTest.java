package io.takedown.index.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.signals.text.TextSignal;
import org.junit.jupiter.api.Test;

class TextIndexTest {

    @Test
    void findsEditedCopies_notUnrelatedTexts_andForgetsRemovedOnes() {
        TextIndex index = new TextIndex();
        index.add(1, TextSignal.fingerprint("The regional weather service announced that temperatures will fall "
                + "gradually over the coming days, with scattered rain along the coast."));
        index.add(2, TextSignal.fingerprint("The city library opened a new reading room with thousands of books on "
                + "history, science and literature."));
        var matches = index.search(TextSignal.fingerprint("The regional weather service said that temperatures will "
                + "fall gradually over the next days, with scattered rain along the coast!"), 0.5);
        assertThat(matches).extracting(TextMatch::id).containsExactly(1);
        assertThat(matches.getFirst().similarity()).isBetween(0.5, 1.0);
        assertThat(index.remove(1)).isTrue();
        assertThat(index.search(TextSignal.fingerprint("The regional weather service announced that temperatures "
                + "will fall gradually over the coming days, with scattered rain along the coast."), 0.5)).isEmpty();
        assertThat(index.size()).isEqualTo(1);
    }
}
