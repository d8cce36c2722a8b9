package io.takedown.banks.matching;

import io.takedown.banks.Bank;
import io.takedown.banks.BankEntry;
import io.takedown.banks.BankStore;
import io.takedown.index.exact.ExactIndex;
import io.takedown.index.pdq.PdqMatch;
import io.takedown.index.text.TextMatch;
import io.takedown.signals.Signal;
import io.takedown.signals.pdq.PdqHash;
import io.takedown.signals.text.MinHash;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches content against every bank at once, with one set of {@link MatchSettings}, over a
 * {@link MatchService}'s index. The index proposes candidates (entry ids within the widest distance); the
 * entries are then read from the store, so a match always reflects the entry's current state, labels and
 * provenance: a removed or quarantined entry never matches, even if the index has not caught up yet. Queries
 * do not write: the flood guard's quarantines go to the service's background writer. Thread-safe.
 */
public final class Matcher {

    private final MatchService service;
    private final BankStore store;
    private final MatchSettings settings;
    private final Clock clock;
    private final FloodGuard floodGuard;

    Matcher(MatchService service, BankStore store, MatchSettings settings, Clock clock) {
        this.service = service;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.floodGuard = new FloodGuard(clock, settings.floodMinimum(), settings.floodFactor());
        store.matchStats().forEach(stat -> floodGuard.restore(stat.entryId(), stat.hour(), stat.hourCount(),
                stat.baseline(), stat.total()));
    }

    public MatchSettings settings() {
        return settings;
    }

    public MatchService service() {
        return service;
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

    /** Entries indexed (all signal types, active entries of every bank). */
    public int indexedEntries() {
        return (int) Math.min(Integer.MAX_VALUE, service.status().size());
    }

    public FloodGuard floodGuard() {
        return floodGuard;
    }

    /** An index hit before its entry is read: which entry, through which signal, how far. */
    private record Candidate(long entryId, Signal query, int distance, Optional<String> transform) {
    }

    /** Every match of the content, positive banks first by distance, each with its suppression if any. */
    public List<MatchResult> match(MatchQuery query) {
        List<Signal> signals = new ArrayList<>();
        for (Signal given : query.signals()) {
            Signal signal = canonical(given);
            if (signal != null) {
                signals.add(signal);
            }
        }
        // One read per query gives the candidates' entries and the store version; if the index was behind,
        // it catches up and the query runs again (at most a few times while the banks keep changing).
        for (int attempt = 0; ; attempt++) {
            long indexVersion = service.version();
            Map<Long, Candidate> candidates = candidates(service.index(), signals, query);
            BankStore.VersionedEntries read = service.read(candidates.keySet());
            if (attempt < 3 && service.mustCatchUp(indexVersion, read.version())) {
                service.refresh();
                continue;
            }
            return candidates.isEmpty() ? List.of() : finish(verify(candidates, read.entries()));
        }
    }

    private Map<Long, Candidate> candidates(BankIndex index, List<Signal> signals, MatchQuery query) {
        Map<Long, Candidate> candidates = new LinkedHashMap<>();
        for (Signal signal : signals) {
            switch (signal.type()) {
                case "pdq" -> {
                    if (signal.quality().isPresent() && signal.quality().getAsInt() < settings.minPdqQuality()) {
                        continue;
                    }
                    int radius = widestDistance("pdq");
                    pdqCandidates(index, signal, PdqHash.fromHex(signal.value()), radius, Optional.empty(), candidates);
                    query.pdqVariants().forEach((transform, hash) ->
                            pdqCandidates(index, signal, hash, radius, Optional.of(transform), candidates));
                }
                case "text" -> {
                    int widest = widestDistance("text");
                    for (TextMatch match : index.text.search(MinHash.fromHex(signal.value()), 1 - widest / 100.0)) {
                        int distance = (int) Math.round(100 * (1 - match.similarity()));
                        offer(new Candidate(match.id(), signal, distance, Optional.empty()), candidates);
                    }
                }
                default -> {
                    ExactIndex exact = index.exact.get(signal.type());
                    if (exact != null) {
                        for (int id : exact.candidates(signal.value())) {
                            offer(new Candidate(id, signal, 0, Optional.empty()), candidates);
                        }
                    }
                }
            }
        }
        return candidates;
    }

    private static void pdqCandidates(BankIndex index, Signal signal, PdqHash hash, int radius,
                                      Optional<String> transform, Map<Long, Candidate> candidates) {
        for (PdqMatch match : index.pdq.search(hash, radius)) {
            offer(new Candidate(match.id(), signal, match.distance(), transform), candidates);
        }
    }

    private static void offer(Candidate candidate, Map<Long, Candidate> candidates) {
        candidates.merge(candidate.entryId(), candidate, (old, added) -> added.distance() < old.distance() ? added : old);
    }

    /** Reads the candidates' entries and keeps those that match now, under their bank's distance. */
    private Map<Long, MatchResult> verify(Map<Long, Candidate> candidates, List<BankEntry> read) {
        Instant now = clock.instant();
        Map<Long, MatchResult> found = new LinkedHashMap<>();
        Map<Long, BankEntry> entries = new HashMap<>();
        read.forEach(entry -> entries.put(entry.id(), entry));
        for (Candidate candidate : candidates.values()) {
            BankEntry entry = entries.get(candidate.entryId());
            Signal query = candidate.query();
            if (entry == null || !entry.matchesAt(now) || service.quarantining(entry.id())
                    || !entry.signal().type().equals(query.type())
                    || candidate.distance() > distanceOf(entry.bankName(), query.type())) {
                continue;
            }
            if (query.type().equals("pdq")) {
                if (entry.signal().quality().isPresent() && entry.signal().quality().getAsInt() < settings.minPdqQuality()) {
                    continue; // flat images collide with everything; the ecosystem ignores them
                }
            } else if (!query.type().equals("text") && !entry.signal().value().equals(query.value())) {
                continue; // an exact-index fingerprint collision
            }
            found.put(entry.id(), new MatchResult(entry, query.type(), candidate.distance(), candidate.transform(),
                    Optional.empty(), false));
        }
        return found;
    }

    /** The signal in its type's canonical form, or null when the type is unknown here (nothing can match it). */
    private Signal canonical(Signal signal) {
        return store.signals().find(signal.type())
                .map(type -> new Signal(signal.type(), type.validate(signal.value()), signal.quality()))
                .orElse(null);
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
                service.quarantineLater(result.entry().id(), "flood guard: matched more than "
                        + settings.floodMinimum() + " times in an hour and " + settings.floodFactor()
                        + "x its usual rate");
            }
            results.add(new MatchResult(result.entry(), result.signalType(), result.distance(), result.transform(),
                    negative, flood));
        }
        results.sort(Comparator.comparingInt(MatchResult::distance).thenComparingLong(r -> r.entry().id()));
        return results;
    }

    private boolean isNegative(String bankName) {
        Bank bank = service.bank(bankName);
        return bank != null && bank.negative();
    }

    private int distanceOf(String bankName, String type) {
        Bank bank = service.bank(bankName);
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
        for (Bank bank : service.banks()) {
            widest = Math.max(widest, distanceOf(bank.name(), type));
        }
        return Math.min(widest, type.equals("pdq") ? PdqHash.BITS : 100);
    }
}
