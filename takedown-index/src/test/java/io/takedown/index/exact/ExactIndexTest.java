package io.takedown.index.exact;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.index.snapshot.SnapshotReader;
import io.takedown.index.snapshot.SnapshotWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExactIndexTest {

    @TempDir
    Path folder;

    @Test
    void addsRemovesAndLooksUp_likeAMap_throughGrowthAndTombstones() {
        ExactIndex index = new ExactIndex();
        Map<String, Set<Integer>> reference = new HashMap<>();
        Random random = new Random(1);
        for (int step = 0; step < 50_000; step++) {
            String value = "v" + random.nextInt(5_000);
            int id = random.nextInt(20_000);
            if (random.nextInt(3) == 0) {
                boolean expected = reference.getOrDefault(value, Set.of()).contains(id);
                assertThat(index.remove(id, value)).isEqualTo(expected);
                reference.getOrDefault(value, new HashSet<>()).remove(id);
            } else {
                index.add(id, value);
                reference.computeIfAbsent(value, v -> new HashSet<>()).add(id);
            }
        }
        for (int v = 0; v < 5_000; v++) {
            String value = "v" + v;
            assertThat(java.util.Arrays.stream(index.candidates(value)).boxed().toList()).containsExactlyInAnyOrderElementsOf(
                    reference.getOrDefault(value, Set.of()));
        }
        assertThat(index.size()).isEqualTo(reference.values().stream().mapToInt(Set::size).sum());
    }

    @Test
    void snapshotRoundTrips() {
        ExactIndex index = new ExactIndex();
        index.add(1, "9e107d9d372bb6826bd81d3542a419d6");
        index.add(2, "9e107d9d372bb6826bd81d3542a419d6");
        index.add(3, "https://outlet.test/post/1");
        index.remove(2, "9e107d9d372bb6826bd81d3542a419d6");
        Path file = folder.resolve("exact.idx");
        try (SnapshotWriter out = SnapshotWriter.create(file)) {
            index.writeTo(out);
            out.commit();
        }
        ExactIndex loaded;
        try (SnapshotReader in = SnapshotReader.open(file)) {
            loaded = ExactIndex.readFrom(in);
            in.verify();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new AssertionError(e);
        }
        assertThat(loaded.candidates("9e107d9d372bb6826bd81d3542a419d6")).containsExactly(1);
        assertThat(loaded.candidates("https://outlet.test/post/1")).containsExactly(3);
        assertThat(loaded.candidates("https://outlet.test/post/2")).isEmpty();
        assertThat(loaded.size()).isEqualTo(2);
    }
}
