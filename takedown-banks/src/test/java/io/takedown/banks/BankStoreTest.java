package io.takedown.banks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalRegistry;
import io.takedown.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import io.takedown.store.TestDatabases;
import org.junit.jupiter.api.io.TempDir;

class BankStoreTest {

    static final String PDQ_A = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";
    static final String PDQ_B = "f8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";

    @TempDir
    Path home;
    Database database;
    BankStore store;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    static List<TestDatabases.Target> targets() {
        return TestDatabases.fresh(Path.of(System.getProperty("java.io.tmpdir")));
    }

    private void use(TestDatabases.Target target) {
        database = target.open();
        store = new BankStore(database, SignalRegistry.discover(), Clock.systemUTC());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void entriesKeepLabelsProvenanceAndHistory(TestDatabases.Target target) {
        use(target);
        store.createBank("outlet-7", "synthetic outlet", false, OptionalInt.empty(), OptionalInt.empty(), "alice");
        var result = store.add("outlet-7", List.of(
                NewEntry.of(Signal.of("pdq", PDQ_A.toUpperCase()), Set.of("recruitment", "entity:outlet-7"), "poster.jpg"),
                NewEntry.of(Signal.of("md5", "d41d8cd98f00b204e9800998ecf8427e"), Set.of(), "empty.bin"),
                NewEntry.of(Signal.of("pdq", PDQ_A), Set.of(), "again.jpg")), "alice");
        assertThat(result.added()).hasSize(2);
        assertThat(result.alreadyPresent()).hasSize(1);
        BankEntry entry = result.added().getFirst();
        assertThat(entry.signal().value()).isEqualTo(PDQ_A);
        assertThat(entry.labels()).containsExactly("behaviour:recruitment", "entity:outlet-7");
        assertThat(entry.provenance().sourceRef()).hasValue("poster.jpg");
        assertThat(entry.provenance().addedBy()).isEqualTo("alice");

        store.label("outlet-7", entry.id(), Set.of("glorification"), Set.of("behaviour:recruitment"), "bob");
        BankEntry removed = store.remove("outlet-7", entry.id(), "bob", "wrongly banked");
        assertThat(removed.state()).isInstanceOf(EntryState.Removed.class);
        assertThat(removed.labels()).containsExactly("behaviour:glorification", "entity:outlet-7");
        assertThat(store.entries("outlet-7", false)).hasSize(1);
        assertThat(store.entries("outlet-7", true)).hasSize(2);
        assertThat(store.history("outlet-7")).extracting(BankStore.BankEvent::kind)
                .containsExactly("bank-created", "entries-added", "labels-changed", "entry-removed");
        assertThat(store.bank("outlet-7").version()).isEqualTo(3);
        // A removed value can be banked again as a new entry; the old one stays as history.
        assertThat(store.add("outlet-7", List.of(NewEntry.of(Signal.of("pdq", PDQ_A), Set.of(), "x")), "c")
                .added()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void invalidInputAndTransitionsAreRefusedClearly(TestDatabases.Target target) {
        use(target);
        store.createBank("b1", null, false, OptionalInt.empty(), OptionalInt.empty(), "alice");
        assertThatThrownBy(() -> store.createBank("b1", null, false, OptionalInt.empty(), OptionalInt.empty(), "a"))
                .isInstanceOf(TakedownException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> store.createBank("bad name!", null, false, OptionalInt.empty(), OptionalInt.empty(), "a"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.add("b1", List.of(NewEntry.of(Signal.of("pdq", "abc"), Set.of(), null)), "a"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("64");
        assertThatThrownBy(() -> store.add("b1", List.of(NewEntry.of(Signal.of("pdq", PDQ_A), Set.of("behaviour:nope"),
                null)), "a")).hasMessageContaining("unknown behaviour");
        assertThatThrownBy(() -> store.add("missing", List.of(), "a")).hasMessageContaining("no bank named");
        long id = store.add("b1", List.of(NewEntry.of(Signal.of("pdq", PDQ_B), Set.of(), null)), "a").added().getFirst().id();
        store.remove("b1", id, "a", "r");
        assertThatThrownBy(() -> store.remove("b1", id, "a", "r")).hasMessageContaining("already removed");
        assertThat(store.entries("b1", true)).hasSize(1);
    }
}
