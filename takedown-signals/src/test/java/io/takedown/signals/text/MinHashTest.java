package io.takedown.signals.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class MinHashTest {

    /** Stored text signals depend on these exact values: the sketch must never change. */
    @Test
    void of_fixedTokens_keepsItsStoredValue() {
        assertThat(MinHash.of(List.of("the", "synthetic", "range", "publishes", "articles", "in", "nine", "languages"))
                .toHex()).isEqualTo("b2adeb9f3f3b157d82ad8b6d90c3aa3d6eb8494b85482b1f89dee43ceb9d2596aedc0d35b10cbab1"
                + "c09382a0e1febff36bb3fa5a2459ea99aac0c1eb46e5614e110df7019a0b1d35816f5c236ff55ae13495a008283faf61d085"
                + "e20f1e3c35af8600ba71c557ed14016955fc5057e49c77ba29acbb40fd758b646a5fd38d9c608623f3ca296dddbeb2274d58"
                + "58c32b2aa87090711e395e7aece868274c536d5b653d6ffa8662e7891a1187f4a4d5203e991b8a8aa72aa6cab90254f1d823"
                + "f49350e25a683b0501738dd20652e37425687322c093631e6ec32032a8a585fb4f6866fa81ec565963e69e0d9480320c3570"
                + "09e818e45555efe81c5a6fc32dafbfc6");
    }

    @Property(tries = 300)
    void of_anyTokens_equalsTheCompareAndStoreForm(@ForAll @Size(max = 60) List<@StringLength(max = 12) String> tokens) {
        assertThat(MinHash.of(tokens)).isEqualTo(reference(tokens));
    }

    /** The sketch as first written: one compare-and-store per position. */
    private static MinHash reference(List<String> tokens) {
        String joined = String.join(" ", tokens);
        long[] minima = new long[MinHash.SIZE];
        Arrays.fill(minima, Long.MAX_VALUE);
        if (!joined.isEmpty()) {
            long state = 0x7a6b5c4d3e2f1a0bL;
            long[] seeds = new long[MinHash.SIZE];
            for (int i = 0; i < MinHash.SIZE; i++) {
                state += 0x9E3779B97F4A7C15L;
                seeds[i] = mix(state);
            }
            int shingles = Math.max(1, joined.length() - MinHash.SHINGLE + 1);
            for (int start = 0; start < shingles; start++) {
                long feature = 0xcbf29ce484222325L;
                for (int i = start; i < Math.min(joined.length(), start + MinHash.SHINGLE); i++) {
                    feature ^= joined.charAt(i);
                    feature *= 0x100000001b3L;
                }
                for (int i = 0; i < MinHash.SIZE; i++) {
                    long h = mix(feature ^ seeds[i]) & Long.MAX_VALUE;
                    if (h < minima[i]) {
                        minima[i] = h;
                    }
                }
            }
        }
        StringBuilder hex = new StringBuilder();
        for (long m : minima) {
            hex.append(String.format("%04x", (int) (char) m));
        }
        return MinHash.fromHex(hex.toString());
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
