package io.takedown.banks.matching;

import io.takedown.banks.SignalChange;
import io.takedown.index.exact.ExactIndex;
import io.takedown.index.pdq.PdqIndex;
import io.takedown.index.snapshot.SnapshotReader;
import io.takedown.index.snapshot.SnapshotWriter;
import io.takedown.index.text.TextIndex;
import io.takedown.signals.pdq.PdqHash;
import io.takedown.signals.text.MinHash;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexes over every active bank entry, one per signal kind (PDQ range, text near-duplicate, exact per
 * other type), and which entry ids they hold. Queries read the indexes concurrently; changes are applied by
 * one writer at a time (the {@link MatchService} holds its refresh lock). An entry is indexed whatever its
 * quality or expiry: those are per query and per moment, checked when a candidate is verified.
 */
final class BankIndex {

    private static final Logger LOG = LoggerFactory.getLogger(BankIndex.class);

    final PdqIndex pdq;
    final TextIndex text;
    final Map<String, ExactIndex> exact;
    private final BitSet indexed = new BitSet();

    private BankIndex(PdqIndex pdq, TextIndex text, Map<String, ExactIndex> exact) {
        this.pdq = pdq;
        this.text = text;
        this.exact = new ConcurrentHashMap<>(exact);
        pdq.forEachId(indexed::set);
        text.forEachId(indexed::set);
        this.exact.values().forEach(index -> index.forEachId(indexed::set));
    }

    static BankIndex empty() {
        return new BankIndex(new PdqIndex(), new TextIndex(), Map.of());
    }

    /** Entries per signal type. */
    Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new TreeMap<>();
        sizes.put("pdq", pdq.size());
        sizes.put("text", text.size());
        exact.forEach((type, index) -> sizes.put(type, index.size()));
        return sizes;
    }

    /** Applies changes in order; additions of PDQ hashes are gathered and built into segments in bulk. */
    final class Applier {
        private long[] words;
        private int[] ids;
        private int pending;

        Applier(long expected) {
            int capacity = (int) Math.max(256, Math.min(expected, 1 << 26));
            words = new long[capacity * 4];
            ids = new int[capacity];
        }

        private int added;
        private int removed;

        void accept(SignalChange change) {
            int id;
            try {
                id = Math.toIntExact(change.entryId());
            } catch (ArithmeticException e) {
                throw new IllegalStateException("entry id " + change.entryId() + " exceeds the index's id range", e);
            }
            try {
                if (change.active()) {
                    if (!indexed.get(id)) {
                        add(id, change);
                        indexed.set(id);
                        added++;
                    }
                } else if (indexed.get(id)) {
                    remove(id, change);
                    indexed.clear(id);
                    removed++;
                }
            } catch (RuntimeException e) {
                // A value the store accepted always parses; if one does not, it cannot match, so skip it loudly.
                LOG.warn("bank entry {} ({}) cannot be indexed: {}", change.entryId(), change.type(), e.getMessage());
            }
        }

        private void add(int id, SignalChange change) {
            switch (change.type()) {
                case "pdq" -> {
                    PdqHash hash = PdqHash.fromHex(change.value());
                    if (pending == ids.length) {
                        int grown = pending + (pending >> 1);
                        ids = Arrays.copyOf(ids, grown);
                        words = Arrays.copyOf(words, grown * 4);
                    }
                    words[pending * 4] = hash.w0();
                    words[pending * 4 + 1] = hash.w1();
                    words[pending * 4 + 2] = hash.w2();
                    words[pending * 4 + 3] = hash.w3();
                    ids[pending++] = id;
                }
                case "text" -> text.add(id, MinHash.fromHex(change.value()));
                default -> exact.computeIfAbsent(change.type(), type -> new ExactIndex()).add(id, change.value());
            }
        }

        /**
         * Takes PDQ additions gathered elsewhere ({@code count} ids and their four words each, in the order the
         * feed would give them): the arrays are handed over, not copied. Call before any other change.
         */
        void adoptPdq(long[] gatheredWords, int[] gatheredIds, int count) {
            if (pending != 0) {
                throw new IllegalStateException("adoptPdq after other PDQ changes");
            }
            int kept = 0;
            for (int k = 0; k < count; k++) {
                int id = gatheredIds[k];
                if (indexed.get(id)) {
                    continue; // already in the index: applying a change twice changes nothing
                }
                indexed.set(id);
                gatheredIds[kept] = id;
                System.arraycopy(gatheredWords, 4 * k, gatheredWords, 4 * kept, 4);
                kept++;
            }
            words = gatheredWords;
            ids = gatheredIds;
            pending = kept;
            added += kept;
        }

        private void remove(int id, SignalChange change) {
            switch (change.type()) {
                // The feed holds one row per entry, so an entry removed here was indexed by an earlier batch,
                // never gathered in this one.
                case "pdq" -> pdq.remove(id, PdqHash.fromHex(change.value()));
                case "text" -> text.remove(id);
                default -> {
                    ExactIndex index = exact.get(change.type());
                    if (index != null) {
                        index.remove(id, change.value());
                    }
                }
            }
        }

        private void flush() {
            if (pending > 0) {
                // Ids handed over as they are when nearly full (the index keeps them): no second copy of millions.
                // The hashes are copied into the index's own layout.
                boolean tight = pending >= ids.length - (ids.length >> 4);
                pdq.addAll(words, tight ? ids : Arrays.copyOf(ids, pending), pending);
                pending = 0;
            }
        }

        /** Makes everything accepted searchable; returns {added, removed}. */
        int[] finish() {
            flush();
            words = null;
            ids = null;
            return new int[] {added, removed};
        }
    }

    /** An applier sized for about {@code expected} changes. */
    Applier applier(long expected) {
        return new Applier(expected);
    }

    void writeTo(SnapshotWriter out) {
        pdq.writeTo(out);
        text.writeTo(out);
        Map<String, ExactIndex> sorted = new TreeMap<>(exact);
        out.writeInt(sorted.size());
        sorted.forEach((type, index) -> {
            out.writeString(type);
            index.writeTo(out);
        });
    }

    static BankIndex readFrom(SnapshotReader in) {
        PdqIndex pdq = PdqIndex.readFrom(in);
        TextIndex text = TextIndex.readFrom(in);
        int types = in.readCount(1_000, "exact index count");
        Map<String, ExactIndex> exact = new TreeMap<>();
        for (int i = 0; i < types; i++) {
            String type = in.readString();
            exact.put(type, ExactIndex.readFrom(in));
        }
        return new BankIndex(pdq, text, exact);
    }
}
