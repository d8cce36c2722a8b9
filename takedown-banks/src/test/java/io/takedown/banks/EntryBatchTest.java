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

    @org.junit.jupiter.api.Test
    void compactHolding_givesBackExactlyWhatWasAdded() {
        List<String> refs = java.util.Arrays.asList("list.txt:1", "list.txt:123456789", "list.txt:1234567890",
                "list.txt:007", "list.txt:0", "other.txt:5", "list.txt:", "list.txt:12a", "no colon", null, "a:b:3",
                "list.txt:42", ":9");
        List<String> values = List.of("00000000000000000000000000000000000000000000000000000000000000ff",
                "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22");
        EntryBatch batch = STORE.newBatch(4);
        for (int i = 0; i < refs.size(); i++) {
            batch.add(new NewEntry(Signal.of("pdq", values.get(i % values.size())), Set.of(),
                    java.util.Optional.ofNullable(refs.get(i)), java.util.Optional.empty(),
                    java.util.OptionalDouble.empty(), java.util.Optional.empty()));
        }
        for (int i = 0; i < refs.size(); i++) {
            assertThat(batch.sourceRef(i)).as("ref " + i).isEqualTo(refs.get(i));
            assertThat(batch.value(i)).isEqualTo(values.get(i % values.size()));
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
