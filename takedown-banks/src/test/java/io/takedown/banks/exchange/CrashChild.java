package io.takedown.banks.exchange;

import io.takedown.banks.BankStore;
import io.takedown.banks.NewEntry;
import io.takedown.banks.matching.MatchService;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalRegistry;
import io.takedown.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The process {@link CrashTest} kills with SIGKILL. {@code import HOME URL FILE CHUNK}: imports the file into
 * bank "big" in chunks, then writes the snapshot, then idles. {@code snapshots HOME URL SEED}: adds an entry and
 * writes the snapshot, over and over. {@link CrashTest} stops it at a chosen point with a breakpoint and kills it.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[1]);
        try (Database database = Database.open(args[2])) {
            BankStore store = new BankStore(database, SignalRegistry.discover(), Clock.systemUTC());
            MatchService service = MatchService.open(store, home.resolve("index"), Clock.systemUTC());
            System.out.println("ready");
            switch (args[0]) {
                case "import" -> {
                    BankImport importer = new BankImport(store, () -> service, Integer.parseInt(args[4]));
                    importer.importFiles("big", List.of(Path.of(args[3])), ExchangeFormat.HEX, "pdq", "crash",
                            new Steps());
                    System.out.println("imported");
                }
                case "snapshots" -> {
                    Random random = new Random(Long.parseLong(args[3]));
                    for (int step = 0; ; step++) {
                        store.add("big", List.of(NewEntry.of(new Signal("pdq", String.format("%016x%016x%016x%016x",
                                random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()),
                                java.util.OptionalInt.empty()), Set.of(), "step " + step)), "crash");
                        service.refresh();
                        service.checkpoint();
                        System.out.println("snapshot " + step);
                    }
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    /** The import's steps, printed; {@link CrashTest} stops the child in {@link #indexing} (a named class for it). */
    static final class Steps implements BankImport.Listener {
        @Override
        public void indexing() {
            System.out.println("indexing");
        }
    }
}
