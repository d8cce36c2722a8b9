package io.takedown.index.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.core.InvalidInputException;
import io.takedown.signals.pdq.PdqHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdqIndexTest {

    @TempDir
    Path folder;

    @Test
    void chunkThresholdsSatisfyThePigeonholeBound() {
        for (int chunks : new int[] {12, 16}) {
            ChunkLayout layout = ChunkLayout.even(chunks);
            assertThat(java.util.Arrays.stream(layout.widths()).sum()).isEqualTo(256);
            for (int radius = 0; radius <= 40; radius++) {
                int[] t = layout.thresholds(radius, 10_000_000);
                if (t != null) {
                    int sum = 0;
                    for (int threshold : t) {
                        sum += threshold + 1;
                    }
                    assertThat(sum).isGreaterThanOrEqualTo(radius + 1);
                }
            }
        }
    }

    @Test
    void queriesRunWhileAddingAndMerging_andSeeEveryCompletedAdd() throws Exception {
        PdqIndex index = new PdqIndex();
        Random random = new Random(7);
        PdqHash anchor = PdqIndexPropertyTest.random(random);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        List<Future<Integer>> results = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            results.add(readers.submit(() -> {
                int previous = 0;
                int queries = 0;
                while (!done.get()) {
                    int found = index.search(anchor, 31).size();
                    // Copies of the anchor are only ever added, so a later query never sees fewer.
                    assertThat(found).isGreaterThanOrEqualTo(previous);
                    previous = found;
                    queries++;
                }
                return queries;
            }));
        }
        int copies = 0;
        for (int id = 0; id < 150_000; id++) {
            if (id % 100 == 0) {
                index.add(id, PdqIndexPropertyTest.flip(anchor, 10, random));
                copies++;
            } else {
                index.add(id, PdqIndexPropertyTest.random(random));
            }
        }
        done.set(true);
        for (Future<Integer> result : results) {
            assertThat(result.get()).isPositive();
        }
        readers.shutdown();
        index.awaitMerges();
        assertThat(index.search(anchor, 31)).hasSize(copies);
        assertThat(index.segmentCount()).isLessThanOrEqualTo(PdqIndex.MAX_SMALL_SEGMENTS + 2);
    }

    @Test
    void snapshotRoundTrips_andDamageIsDetected() throws Exception {
        Random random = new Random(3);
        PdqIndex index = new PdqIndex();
        List<PdqHash> hashes = new ArrayList<>();
        for (int id = 0; id < 20_000; id++) {
            PdqHash hash = PdqIndexPropertyTest.random(random);
            hashes.add(hash);
            index.add(id, hash);
        }
        index.remove(5, hashes.get(5));
        Path file = folder.resolve("pdq.idx");
        PdqIndexSnapshot.write(index, file);
        PdqIndex loaded = PdqIndexSnapshot.read(file);
        assertThat(loaded.size()).isEqualTo(19_999);
        assertThat(loaded.search(hashes.get(42), 0)).containsExactly(new PdqMatch(42, 0));
        assertThat(loaded.search(hashes.get(5), 0)).isEmpty();

        byte[] bytes = Files.readAllBytes(file);
        bytes[1000] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> PdqIndexSnapshot.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("checksum");
        Files.write(file, java.util.Arrays.copyOf(bytes, 500));
        assertThatThrownBy(() -> PdqIndexSnapshot.read(file)).hasMessageContaining("truncated");
        Files.writeString(file, "hello");
        assertThatThrownBy(() -> PdqIndexSnapshot.read(file)).hasMessageContaining("not a PDQ index snapshot");
    }
}
