package io.takedown.banks;

import io.takedown.signals.Signal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Validated entries on their way into one transaction, held compactly: a bulk import keeps a few hundred
 * thousand of them in memory at a time, so the common fields are parallel arrays and the rare ones (labels,
 * confidence, expiry, variant) an object only where present. Built by {@link BankStore#newBatch}; not
 * thread-safe (one thread fills it, then hands it over whole).
 */
public final class EntryBatch {

    private static final int NO_QUALITY = -1;

    /** The rarely present parts of an entry. */
    private record Extra(Set<String> labels, OptionalDouble confidence, Optional<Instant> expiresAt,
                         Optional<Variant> variant) {
    }

    private final BankStore store;
    private String[] types;
    /** The value, or null when it is 64 lowercase hex digits (a hash) held as four words in {@link #hexWords}. */
    private String[] values;
    private long[] hexWords;
    private int[] qualities;
    /** The source reference, or null when it is {@link #refPrefix} and the number in {@link #refLines}. */
    private String[] refs;
    private String refPrefix;
    private int[] refLines;
    private String[] sourceBanks;
    private Extra[] extras;
    private int size;
    private boolean sorted;

    EntryBatch(BankStore store, int capacity) {
        this.store = store;
        int initial = Math.max(16, capacity);
        types = new String[initial];
        values = new String[initial];
        hexWords = new long[4 * initial];
        qualities = new int[initial];
        refs = new String[initial];
        refLines = new int[initial];
        sourceBanks = new String[initial];
    }

    /** Validates the entry (an invalid one throws, naming the problem) and keeps it. */
    public EntryBatch add(NewEntry entry) {
        NewEntry valid = store.validate(entry);
        if (size == types.length) {
            int grown = size + (size >> 1);
            types = Arrays.copyOf(types, grown);
            values = Arrays.copyOf(values, grown);
            hexWords = Arrays.copyOf(hexWords, 4 * grown);
            qualities = Arrays.copyOf(qualities, grown);
            refs = Arrays.copyOf(refs, grown);
            refLines = Arrays.copyOf(refLines, grown);
            sourceBanks = Arrays.copyOf(sourceBanks, grown);
            if (extras != null) {
                extras = Arrays.copyOf(extras, grown);
            }
        }
        types[size] = valid.signal().type();
        // A batch waits seconds for its transaction, long enough for the collector to move it to the old
        // generation: held as words and line numbers, a hash list's batch is a quarter of its size as strings.
        String value = valid.signal().value();
        values[size] = HexWords.read(value, hexWords, 4 * size) ? null : value;
        qualities[size] = valid.signal().quality().orElse(NO_QUALITY);
        keepRef(valid.sourceRef().orElse(null));
        sourceBanks[size] = valid.sourceBank().orElse(null);
        if (!valid.labels().isEmpty() || valid.confidence().isPresent() || valid.expiresAt().isPresent()
                || valid.variant().isPresent()) {
            if (extras == null) {
                extras = new Extra[types.length];
            }
            extras[size] = new Extra(valid.labels(), valid.confidence(), valid.expiresAt(), valid.variant());
        }
        size++;
        sorted = false;
        return this;
    }

    /** Keeps "PREFIX:LINE" as a number when PREFIX is the batch's (a file's rows), else the string. */
    private void keepRef(String ref) {
        refs[size] = ref;
        if (ref == null) {
            return;
        }
        int colon = ref.lastIndexOf(':');
        int digits = ref.length() - colon - 1;
        if (colon < 0 || digits < 1 || digits > 9 || ref.charAt(colon + 1) == '0') {
            return;
        }
        int line = 0;
        for (int i = colon + 1; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c < '0' || c > '9') {
                return;
            }
            line = line * 10 + (c - '0');
        }
        if (refPrefix == null) {
            refPrefix = ref.substring(0, colon + 1);
        } else if (refPrefix.length() != colon + 1 || !ref.startsWith(refPrefix)) {
            return;
        }
        refs[size] = null;
        refLines[size] = line;
    }

    /**
     * Whether every entry is of one signal type and has no more than a value and a source reference (no quality,
     * source bank, labels, confidence, expiry or variant): a plain hash list.
     */
    boolean plain() {
        if (extras != null && Arrays.stream(extras, 0, size).anyMatch(java.util.Objects::nonNull)) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (qualities[i] != NO_QUALITY || sourceBanks[i] != null || !types[i].equals(types[0])) {
                return false;
            }
        }
        return true;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * Orders the entries by signal type and value: inserted in this order, the database's unique index is
     * written page after page instead of at random.
     */
    public void sort() {
        if (sorted || size < 2) {
            return;
        }
        int[] order = hexOrder();
        if (order == null) {
            // Keys compared field by field (a chunk holds one type, usually the same String instance): a boxed
            // index with a composed comparator cost most of the reading thread's time.
            Key[] keys = new Key[size];
            for (int i = 0; i < size; i++) {
                keys[i] = new Key(types[i], value(i), i);
            }
            Arrays.sort(keys, Key::compare);
            order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = keys[i].index;
            }
        }
        types = permute(types, order, new String[types.length]);
        values = permute(values, order, new String[values.length]);
        long[] words = new long[hexWords.length];
        for (int i = 0; i < size; i++) {
            System.arraycopy(hexWords, 4 * order[i], words, 4 * i, 4);
        }
        hexWords = words;
        refs = permute(refs, order, new String[refs.length]);
        int[] lines = new int[refLines.length];
        for (int i = 0; i < size; i++) {
            lines[i] = refLines[order[i]];
        }
        refLines = lines;
        sourceBanks = permute(sourceBanks, order, new String[sourceBanks.length]);
        if (extras != null) {
            extras = permute(extras, order, new Extra[extras.length]);
        }
        int[] q = new int[qualities.length];
        for (int i = 0; i < size; i++) {
            q[i] = qualities[order[i]];
        }
        qualities = q;
        sorted = true;
    }

    /** Bits of a value's first word in a sort key (its first ten hex digits), and the bits for the position. */
    private static final int PREFIX_BITS = 40;
    private static final int POSITION_BITS = 20;

    /**
     * The common bulk case, one type and every value a hash held as words: the order of (type, value, position)
     * from primitive keys, each the value's first {@value #PREFIX_BITS} bits above the position, sorted as longs;
     * the rare runs sharing a prefix are then ordered by the whole value. Lowercase hex of one length sorts as
     * its words do (unsigned), so this is exactly the order {@link Key#compare} gives, at a fraction of its cost.
     * Null when the batch is not of that kind.
     */
    private int[] hexOrder() {
        if (size >= 1 << POSITION_BITS) {
            return null;
        }
        String type = types[0];
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            if (values[i] != null || !type.equals(types[i])) {
                return null;
            }
            keys[i] = hexWords[4 * i] >>> (64 - PREFIX_BITS) << POSITION_BITS | i;
        }
        Arrays.sort(keys);
        int[] order = new int[size];
        long mask = (1L << POSITION_BITS) - 1;
        for (int i = 0; i < size; i++) {
            order[i] = (int) (keys[i] & mask);
        }
        for (int from = 0; from < size; ) {
            int to = from + 1;
            while (to < size && keys[to] >>> POSITION_BITS == keys[from] >>> POSITION_BITS) {
                to++;
            }
            if (to - from > 1) {
                Integer[] run = new Integer[to - from];
                for (int i = from; i < to; i++) {
                    run[i - from] = order[i];
                }
                Arrays.sort(run, (a, b) -> {
                    int byValue = HexWords.compare(hexWords, 4 * a, 4 * b);
                    return byValue != 0 ? byValue : Integer.compare(a, b);
                });
                for (int i = from; i < to; i++) {
                    order[i] = run[i - from];
                }
            }
            from = to;
        }
        return order;
    }

    private record Key(String type, String value, int index) {
        static int compare(Key a, Key b) {
            int byType = a.type == b.type ? 0 : a.type.compareTo(b.type);
            return byType != 0 ? byType : a.value.compareTo(b.value);
        }
    }

    private <T> T[] permute(T[] from, int[] order, T[] into) {
        for (int i = 0; i < size; i++) {
            into[i] = from[order[i]];
        }
        return into;
    }

    String type(int i) {
        return types[i];
    }

    String value(int i) {
        return values[i] != null ? values[i] : HexWords.write(hexWords, 4 * i);
    }

    OptionalInt quality(int i) {
        return qualities[i] == NO_QUALITY ? OptionalInt.empty() : OptionalInt.of(qualities[i]);
    }

    String sourceRef(int i) {
        return refs[i] != null || refPrefix == null || refLines[i] == 0 ? refs[i] : refPrefix + refLines[i];
    }

    String sourceBank(int i) {
        return sourceBanks[i];
    }

    Set<String> labels(int i) {
        return extras == null || extras[i] == null ? Set.of() : extras[i].labels();
    }

    OptionalDouble confidence(int i) {
        return extras == null || extras[i] == null ? OptionalDouble.empty() : extras[i].confidence();
    }

    Optional<Instant> expiresAt(int i) {
        return extras == null || extras[i] == null ? Optional.empty() : extras[i].expiresAt();
    }

    Optional<Variant> variant(int i) {
        return extras == null || extras[i] == null ? Optional.empty() : extras[i].variant();
    }

    Signal signal(int i) {
        return new Signal(types[i], value(i), quality(i));
    }
}
