package io.takedown.banks.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.banks.BankStore;
import io.takedown.banks.EntryState;
import io.takedown.banks.NewEntry;
import io.takedown.core.ManualClock;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalRegistry;
import io.takedown.signals.pdq.PdqHash;
import io.takedown.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatcherTest {

    static final PdqHash A = PdqHash.fromHex("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22");

    @TempDir
    Path home;
    Database database;
    BankStore store;
    ManualClock clock = new ManualClock(Instant.parse("2026-11-29T10:00:00Z"));

    @BeforeEach
    void open() {
        database = Database.embedded(home);
        store = new BankStore(database, SignalRegistry.discover(), clock);
    }

    MatchService service;

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
        database.close();
    }

    Matcher matcher(MatchSettings settings) {
        if (service == null) {
            service = MatchService.open(store, home.resolve("index"), clock);
        }
        return service.matcher(settings);
    }

    static PdqHash flip(PdqHash hash, int bits) {
        PdqHash out = hash;
        for (int i = 0; i < bits; i++) {
            out = out.flip((i * 7) % 256);
        }
        return out;
    }

    static Signal pdq(PdqHash hash) {
        return new Signal("pdq", hash.toHex(), OptionalInt.of(100));
    }

    @Test
    void perBankDistances_provenance_andIncrementalUpdates() {
        store.createBank("strict", null, false, OptionalInt.of(10), OptionalInt.empty(), "t");
        store.createBank("loose", null, false, OptionalInt.empty(), OptionalInt.empty(), "t");
        Matcher matcher = matcher(MatchSettings.DEFAULTS);
        long strict = store.add("strict", List.of(NewEntry.of(pdq(A), Set.of("threat"), "a.jpg")), "t").added().getFirst().id();
        store.add("loose", List.of(NewEntry.of(pdq(A), Set.of(), "a-copy.jpg")), "t");

        List<MatchResult> near = matcher.match(MatchQuery.of(List.of(pdq(flip(A, 5)))));
        assertThat(near).extracting(r -> r.entry().bankName()).containsExactlyInAnyOrder("strict", "loose");
        List<MatchResult> far = matcher.match(MatchQuery.of(List.of(pdq(flip(A, 20)))));
        assertThat(far).extracting(r -> r.entry().bankName()).containsExactly("loose");
        assertThat(far.getFirst().distance()).isEqualTo(20);
        assertThat(far.getFirst().entry().provenance().sourceRef()).hasValue("a-copy.jpg");

        store.remove("strict", strict, "t", "test");
        assertThat(matcher.match(MatchQuery.of(List.of(pdq(A))))).extracting(r -> r.entry().bankName())
                .containsExactly("loose");
    }

    @Test
    void negativeBanksSuppress_lowQualityIgnored_expiredEntriesSkipped_dihedralVariantsSearched() {
        store.createBank("positive", null, false, OptionalInt.empty(), OptionalInt.empty(), "t");
        store.createBank("known-false-positives", null, true, OptionalInt.empty(), OptionalInt.empty(), "t");
        Matcher matcher = matcher(MatchSettings.DEFAULTS);
        store.add("positive", List.of(NewEntry.of(pdq(A), Set.of(), "a.jpg")), "t");
        store.add("known-false-positives", List.of(NewEntry.of(pdq(flip(A, 3)), Set.of(), "logo.png")), "t");

        MatchResult result = matcher.match(MatchQuery.of(List.of(pdq(A)))).getFirst();
        assertThat(result.suppressed()).isTrue();
        assertThat(result.suppressedBy().orElseThrow().provenance().sourceRef()).hasValue("logo.png");

        Signal lowQuality = new Signal("pdq", A.toHex(), OptionalInt.of(20));
        assertThat(matcher.match(MatchQuery.of(List.of(lowQuality)))).isEmpty();

        PdqHash other = flip(A, 100);
        store.add("positive", List.of(new NewEntry(pdq(other), Set.of(), Optional.of("old.jpg"), Optional.empty(),
                OptionalDouble.empty(), Optional.of(clock.now.plus(Duration.ofDays(1))))), "t");
        assertThat(matcher.match(MatchQuery.of(List.of(pdq(other))))).hasSize(1);
        clock.now = clock.now.plus(Duration.ofDays(2));
        assertThat(matcher.match(MatchQuery.of(List.of(pdq(other))))).isEmpty();

        PdqHash rotated = flip(A, 150);
        MatchResult viaVariant = matcher.match(new MatchQuery(List.of(pdq(rotated)), Map.of("rotate90", flip(A, 4))))
                .getFirst();
        assertThat(viaVariant.transform()).hasValue("rotate90");
    }

    @Test
    void floodGuardQuarantinesAnEntryThatSuddenlyMatchesEverything() {
        store.createBank("b", null, false, OptionalInt.empty(), OptionalInt.empty(), "t");
        Matcher matcher = matcher(new MatchSettings(31, 50, 50, 20, 5.0));
        long id = store.add("b", List.of(NewEntry.of(pdq(A), Set.of(), "flat.png")), "t").added().getFirst().id();
        boolean fired = false;
        for (int i = 0; i < 25 && !fired; i++) {
            List<MatchResult> results = matcher.match(MatchQuery.of(List.of(pdq(A))));
            fired = results.stream().anyMatch(MatchResult::floodQuarantined);
        }
        assertThat(fired).isTrue();
        service.flush(); // the quarantine is written in the background, off the query path
        matcher.persistFloodMemory();
        Matcher restarted = matcher(new MatchSettings(31, 50, 50, 20, 5.0));
        assertThat(restarted.floodGuard().counters().get(id).total()).isGreaterThanOrEqualTo(21);
        assertThat(store.entry(id).state()).isInstanceOf(EntryState.Quarantined.class);
        assertThat(matcher.match(MatchQuery.of(List.of(pdq(A))))).isEmpty();
        store.release("b", id, "reviewer");
        assertThat(matcher.match(MatchQuery.of(List.of(pdq(A))))).hasSize(1);
    }

    @Test
    void exactAndTextSignalsMatch() {
        store.createBank("b", null, false, OptionalInt.empty(), OptionalInt.empty(), "t");
        Matcher matcher = matcher(MatchSettings.DEFAULTS);
        var text = new io.takedown.signals.text.TextSignal();
        store.add("b", List.of(
                NewEntry.of(Signal.of("url", "https://outlet.test/post/1"), Set.of(), "feed"),
                NewEntry.of(text.hash("A synthetic bulletin about rain over the northern hills and the coast."),
                        Set.of(), "post.txt")), "t");
        assertThat(matcher.match(MatchQuery.of(List.of(Signal.of("url", "https://outlet.test/post/1"))))).hasSize(1);
        assertThat(matcher.match(MatchQuery.of(List.of(text.hash(
                "A synthetic bulletin about rain over the northern hills and along the coast!"))))).hasSize(1);
    }
}
