package io.takedown.banks.matching;

import io.takedown.banks.Bank;
import io.takedown.banks.BankEntry;
import io.takedown.banks.BankListener;
import io.takedown.banks.BankStore;
import io.takedown.index.exact.ExactIndex;
import io.takedown.index.pdq.PdqIndex;
import io.takedown.index.pdq.PdqMatch;
import io.takedown.index.text.TextIndex;
import io.takedown.index.text.TextMatch;
import io.takedown.signals.Signal;
import io.takedown.signals.pdq.PdqHash;
import io.takedown.signals.text.MinHash;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matches content against every bank at once. Built from the store's active entries, then kept current
 * through {@link BankListener} events: an added entry matches from the next query on, a removed one
 * stops, with no reload. Thread-safe.
 */
public final class Matcher implements BankListener {

    private final BankStore store;
    private final MatchSettings settings;
    private final Clock clock;
    private final FloodGuard floodGuard;
    private final Map<Long, BankEntry> entries = new ConcurrentHashMap<>();
    private final Map<String, Bank> banks = new ConcurrentHashMap<>();
    private final PdqIndex pdq = new PdqIndex();
    private final TextIndex text = new TextIndex();
    private final Map<String, ExactIndex> exact = new ConcurrentHashMap<>();

    public Matcher(BankStore store, MatchSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.floodGuard = new FloodGuard(clock, settings.floodMinimum(), settings.floodFactor());
        store.banks().forEach(bank -> banks.put(bank.name(), bank));
        store.activeEntries().forEach(this::index);
        store.matchStats().forEach(stat -> floodGuard.restore(stat.entryId(), stat.hour(), stat.hourCount(),
                stat.baseline(), stat.total()));
        store.addListener(this);
    }

    /** Writes the flood guard's memory, so the next process knows each entry's usual rate. */
    public void persistFloodMemory() {
        List<BankStore.MatchStat> stats = new ArrayList<>();
        floodGuard.counters().forEach((id, counter) -> {
            synchronized (counter) {
                stats.add(new BankStore.MatchStat(id, counter.hour(), counter.count(), counter.baseline(),
                        counter.total()));
            }
        });
        store.saveMatchStats(stats);
    }

    public int indexedEntries() {
        return entries.size();
    }

    public FloodGuard floodGuard() {
        return floodGuard;
    }

    @Override
    public void entryActivated(BankEntry entry) {
        banks.computeIfAbsent(entry.bankName(), store::bank);
        index(entry);
    }

    @Override
    public void entryDeactivated(BankEntry entry) {
        BankEntry indexed = entries.remove(entry.id());
        if (indexed == null) {
            return;
        }
        Signal signal = indexed.signal();
        int id = (int) entry.id();
        switch (signal.type()) {
            case "pdq" -> pdq.remove(id, PdqHash.fromHex(signal.value()));
            case "text" -> text.remove(id);
            default -> exact.getOrDefault(signal.type(), new ExactIndex()).remove(id, signal.value());
        }
    }

    @Override
    public void entryChanged(BankEntry entry) {
        banks.computeIfAbsent(entry.bankName(), store::bank);
        entries.computeIfPresent(entry.id(), (id, old) -> entry);
    }

    private void index(BankEntry entry) {
        Signal signal = entry.signal();
        if (signal.type().equals("pdq") && signal.quality().isPresent()
                && signal.quality().getAsInt() < settings.minPdqQuality()) {
            return; // flat images collide with everything; the ecosystem ignores them
        }
        if (entries.putIfAbsent(entry.id(), entry) != null) {
            return;
        }
        int id = Math.toIntExact(entry.id());
        switch (signal.type()) {
            case "pdq" -> pdq.add(id, PdqHash.fromHex(signal.value()));
            case "text" -> text.add(id, MinHash.fromHex(signal.value()));
            default -> exact.computeIfAbsent(signal.type(), type -> new ExactIndex()).add(id, signal.value());
        }
    }

    /** Every match of the content, positive banks first by distance, each with its suppression if any. */
    public List<MatchResult> match(MatchQuery query) {
        Map<Long, MatchResult> found = new LinkedHashMap<>();
        for (Signal given : query.signals()) {
            Signal signal = canonical(given);
            if (signal == null) {
                continue;
            }
            switch (signal.type()) {
                case "pdq" -> {
                    if (signal.quality().isPresent() && signal.quality().getAsInt() < settings.minPdqQuality()) {
                        continue;
                    }
                    matchPdq(PdqHash.fromHex(signal.value()), Optional.empty(), found);
                    query.pdqVariants().forEach((transform, hash) -> matchPdq(hash, Optional.of(transform), found));
                }
                case "text" -> {
                    int widest = widestDistance("text");
                    for (TextMatch match : text.search(MinHash.fromHex(signal.value()), 1 - widest / 100.0)) {
                        int distance = (int) Math.round(100 * (1 - match.similarity()));
                        consider(match.id(), "text", distance, Optional.empty(), found);
                    }
                }
                default -> {
                    ExactIndex index = exact.get(signal.type());
                    if (index != null) {
                        for (int id : index.lookup(signal.value())) {
                            consider(id, signal.type(), 0, Optional.empty(), found);
                        }
                    }
                }
            }
        }
        return finish(found);
    }

    /** The signal in its type's canonical form, or null when the type is unknown here (nothing can match it). */
    private Signal canonical(Signal signal) {
        return store.signals().find(signal.type())
                .map(type -> new Signal(signal.type(), type.validate(signal.value()), signal.quality()))
                .orElse(null);
    }

    private void matchPdq(PdqHash hash, Optional<String> transform, Map<Long, MatchResult> found) {
        for (PdqMatch match : pdq.search(hash, widestDistance("pdq"))) {
            consider(match.id(), "pdq", match.distance(), transform, found);
        }
    }

    private void consider(long entryId, String type, int distance, Optional<String> transform,
                          Map<Long, MatchResult> found) {
        BankEntry entry = entries.get(entryId);
        if (entry == null || !entry.matchesAt(clock.instant()) || distance > distanceOf(entry.bankName(), type)) {
            return;
        }
        MatchResult existing = found.get(entryId);
        if (existing == null || distance < existing.distance()) {
            found.put(entryId, new MatchResult(entry, type, distance, transform, Optional.empty(), false));
        }
    }

    private List<MatchResult> finish(Map<Long, MatchResult> found) {
        Optional<BankEntry> negative = found.values().stream()
                .filter(result -> isNegative(result.entry().bankName()))
                .min(Comparator.comparingInt(MatchResult::distance))
                .map(MatchResult::entry);
        List<MatchResult> results = new ArrayList<>();
        for (MatchResult result : found.values()) {
            if (isNegative(result.entry().bankName())) {
                continue;
            }
            boolean flood = negative.isEmpty() && floodGuard.record(result.entry().id());
            if (flood) {
                store.quarantine(result.entry().id(), "flood guard: matched more than "
                        + settings.floodMinimum() + " times in an hour and " + settings.floodFactor()
                        + "x its usual rate", "flood-guard");
            }
            results.add(new MatchResult(result.entry(), result.signalType(), result.distance(), result.transform(),
                    negative, flood));
        }
        results.sort(Comparator.comparingInt(MatchResult::distance).thenComparingLong(r -> r.entry().id()));
        return results;
    }

    private boolean isNegative(String bankName) {
        Bank bank = banks.get(bankName);
        return bank != null && bank.negative();
    }

    private int distanceOf(String bankName, String type) {
        Bank bank = banks.get(bankName);
        return switch (type) {
            case "pdq" -> bank != null && bank.pdqDistance().isPresent() ? bank.pdqDistance().getAsInt()
                    : settings.pdqDistance();
            case "text" -> bank != null && bank.textDistance().isPresent() ? bank.textDistance().getAsInt()
                    : settings.textDistance();
            default -> 0;
        };
    }

    private int widestDistance(String type) {
        int widest = type.equals("pdq") ? settings.pdqDistance() : settings.textDistance();
        for (Bank bank : banks.values()) {
            int own = distanceOf(bank.name(), type);
            widest = Math.max(widest, own);
        }
        return widest;
    }
}
