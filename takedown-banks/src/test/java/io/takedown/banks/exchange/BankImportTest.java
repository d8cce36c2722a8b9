package io.takedown.banks.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.banks.BankEntry;
import io.takedown.banks.BankStore;
import io.takedown.banks.matching.MatchQuery;
import io.takedown.banks.matching.MatchService;
import io.takedown.banks.matching.MatchSettings;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalRegistry;
import io.takedown.signals.pdq.PdqHash;
import io.takedown.store.Database;
import io.takedown.store.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BankImportTest {

    @TempDir
    Path home;

    static List<TestDatabases.Target> targets() {
        return TestDatabases.fresh(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * A GIFCT file of 2,600 rows in chunks growing from 400 to 1,000 (PostgreSQL streams chunks of 1,000 and
     * more with COPY, smaller ones with batched inserts): good rows land
     * with labels and quality, bad rows (a broken hash, a line of non-UTF-8 bytes) are reported with their line
     * numbers, repeats are counted as already present, each chunk is its own change, and at the end the index
     * holds every entry and its snapshot is at the store's version. Importing again adds nothing.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void importFiles_streamsInChunks_reportsBadRowsByLine_andLeavesTheIndexCurrent(TestDatabases.Target target)
            throws Exception {
        Random random = new Random(15);
        List<PdqHash> hashes = new ArrayList<>();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("hash_type,hash,labels,quality\n".getBytes(StandardCharsets.UTF_8));
        List<Integer> badLines = new ArrayList<>();
        int line = 1;
        for (int i = 0; i < 2_600; i++) {
            line++;
            if (i == 100) {
                file.writeBytes("PDQ,not-a-hash,threat,90\n".getBytes(StandardCharsets.UTF_8));
                badLines.add(line);
                continue;
            }
            if (i == 1_500) {
                file.writeBytes(new byte[] {'P', 'D', 'Q', ',', (byte) 0xC3, (byte) 0x28, '\n'});
                badLines.add(line);
                continue;
            }
            PdqHash hash = i % 500 == 7 && !hashes.isEmpty() ? hashes.getFirst()
                    : new PdqHash(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
            if (!hashes.contains(hash)) {
                hashes.add(hash);
            }
            file.writeBytes(("PDQ," + hash.toHex() + ",recruitment;entity:o" + (i % 3) + "," + (50 + i % 50) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Path csv = home.resolve("partner.csv");
        Files.write(csv, file.toByteArray());

        try (Database database = target.open()) {
            BankStore store = new BankStore(database, SignalRegistry.discover(), Clock.systemUTC());
            store.createBank("partner", null, false, OptionalInt.empty(), OptionalInt.empty(), "t");
            MatchService[] opened = new MatchService[1];
            Supplier<MatchService> matching = () -> {
                if (opened[0] == null) {
                    opened[0] = MatchService.open(store, home.resolve("index"), Clock.systemUTC());
                }
                return opened[0];
            };
            BankImport importer = new BankImport(store, matching, 400, 1_000);
            long before = store.version();
            List<Integer> reported = new ArrayList<>();
            long[] progress = {0};
            BankImport.Result result = importer.importFiles("partner", List.of(csv), ExchangeFormat.GIFCT, "pdq", "t",
                    new BankImport.Listener() {
                        @Override
                        public void progress(Path f, long bytes, long total, long rows) {
                            assertThat(bytes).isBetween(progress[0], total);
                            progress[0] = bytes;
                        }

                        @Override
                        public void badRow(Path f, ImportReport.RowError error) {
                            reported.add(error.line());
                        }
                    });
            assertThat(reported).containsExactlyElementsOf(badLines);
            assertThat(result.badRows()).isEqualTo(2);
            assertThat(result.added()).isEqualTo(hashes.size());
            assertThat(result.alreadyPresent()).isEqualTo(2_598 - hashes.size());
            assertThat(progress[0]).isEqualTo(Files.size(csv));
            assertThat(store.version() - before).isEqualTo(4); // one change per chunk: 400, 1,000, 1,000, 198
            assertThat(result.indexVersion()).isEqualTo(store.version());

            MatchService service = opened[0];
            assertThat(service.status().signals().get("pdq")).isEqualTo(hashes.size());
            assertThat(service.status().snapshot().version()).isEqualTo(store.version());
            var matcher = service.matcher(MatchSettings.DEFAULTS);
            var match = matcher.match(MatchQuery.of(List.of(new Signal("pdq", hashes.get(5).toHex(), OptionalInt.of(99)))));
            assertThat(match).hasSize(1);
            BankEntry entry = match.getFirst().entry();
            assertThat(entry.labels()).contains("behaviour:recruitment");
            assertThat(entry.signal().quality()).isPresent();
            assertThat(entry.provenance().sourceRef().orElseThrow()).startsWith("partner.csv:");

            BankImport.Result again = importer.importFiles("partner", List.of(csv), ExchangeFormat.GIFCT, "pdq", "t",
                    new BankImport.Listener() { });
            assertThat(again.added()).isZero();
            assertThat(again.alreadyPresent()).isEqualTo(2_598);
            assertThat(store.activeCounts().get("partner")).isEqualTo(hashes.size());
            service.close();
            Set<String> labels = Set.copyOf(store.entries("partner", false).getFirst().labels());
            assertThat(labels).hasSize(2);
        }
    }
}
