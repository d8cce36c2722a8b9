package io.takedown.banks;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.signals.Signal;
import io.takedown.signals.SignalRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntryBatchTest {

    private static final BankStore STORE = new BankStore(null, SignalRegistry.discover(), Clock.systemUTC());

    /** Hashes sharing long prefixes, repeated values, other types: the fast hex order must be the plain one. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void sort_ordersByTypeThenValueThenPosition_whateverTheValues(int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<NewEntry> entries = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        int n = 1 + random.nextInt(3_000);
        boolean mixed = seed % 4 == 0;
        for (int i = 0; i < n; i++) {
            String value;
            if (!seen.isEmpty() && random.nextInt(10) == 0) {
                value = seen.get(random.nextInt(seen.size())); // a repeat
            } else if (!seen.isEmpty() && random.nextInt(5) == 0) {
                String base = seen.get(random.nextInt(seen.size())); // the same prefix, another tail
                value = (base.substring(0, 10 + random.nextInt(50)) + hex(random, 64)).substring(0, 64);
            } else {
                value = hex(random, 64);
            }
            seen.add(value);
            String type = mixed && random.nextBoolean() ? "md5" : "pdq";
            entries.add(NewEntry.of(Signal.of(type, type.equals("md5") ? value.substring(0, 32) : value), Set.of(),
                    Integer.toString(i)));
        }
        EntryBatch batch = STORE.newBatch(n);
        entries.forEach(batch::add);
        batch.sort();
        List<String[]> expected = new ArrayList<>();
        for (NewEntry entry : entries) {
            expected.add(new String[] {entry.signal().type(), entry.signal().value().toLowerCase(),
                    entry.sourceRef().orElseThrow()});
        }
        expected.sort(Comparator.<String[], String>comparing(e -> e[0]).thenComparing(e -> e[1])
                .thenComparingInt(e -> Integer.parseInt(e[2])));
        for (int i = 0; i < n; i++) {
            assertThat(new String[] {batch.type(i), batch.value(i), batch.sourceRef(i)}).as("position " + i)
                    .containsExactly(expected.get(i));
        }
    }

    private static String hex(SplittableRandom random, int digits) {
        StringBuilder out = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }
}
