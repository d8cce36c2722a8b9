package io.takedown.banks.matching;

import io.takedown.banks.BankStore;
import io.takedown.banks.SignalChange;
import io.takedown.signals.pdq.PdqHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entries a bulk import committed, kept compactly (PDQ hashes as words) so the index can take them in without
 * reading millions of rows back from the store. They are only used when they are the whole story: the import's
 * change numbers follow the index's version without a gap and the store is at the last of them (no other change
 * came between); otherwise {@link MatchService#refresh(OwnChanges)} catches up from the store as always, and the
 * result is the same either way. Filled by one thread.
 */
public final class OwnChanges {

    final long from;
    private long last;
    private boolean contiguous = true;
    // One exactly sized pair of arrays per batch, joined once at the end: no growing copies of millions.
    private final List<long[]> words = new ArrayList<>();
    private final List<int[]> ids = new ArrayList<>();
    private int pdq;
    private final List<SignalChange> others = new ArrayList<>();

    OwnChanges(long from) {
        this.from = from;
        this.last = from;
    }

    /** Records one committed batch; batches must be given in commit order. */
    public void add(BankStore.BatchResult batch) {
        if (!contiguous) {
            return;
        }
        if (batch.seq() != last + 1) {
            drop(); // another change came between: the store's feed is the record
            return;
        }
        last = batch.seq();
        List<SignalChange> inserted = batch.inserted();
        long[] batchWords = new long[4 * inserted.size()];
        int[] batchIds = new int[inserted.size()];
        int n = 0;
        for (SignalChange change : inserted) {
            if (change.type().equals("pdq") && change.entryId() <= Integer.MAX_VALUE) {
                if (!parseCanonical(change.value(), batchWords, 4 * n)) {
                    PdqHash hash;
                    try {
                        hash = PdqHash.fromHex(change.value());
                    } catch (RuntimeException e) {
                        others.add(change); // the applier reports it as it does for the store's feed
                        continue;
                    }
                    batchWords[4 * n] = hash.w0();
                    batchWords[4 * n + 1] = hash.w1();
                    batchWords[4 * n + 2] = hash.w2();
                    batchWords[4 * n + 3] = hash.w3();
                }
                batchIds[n++] = (int) change.entryId();
            } else {
                others.add(change);
            }
        }
        if (n > 0) {
            words.add(n == inserted.size() ? batchWords : Arrays.copyOf(batchWords, 4 * n));
            ids.add(n == inserted.size() ? batchIds : Arrays.copyOf(batchIds, n));
            pdq += n;
        }
    }

    private static final byte[] DIGITS = new byte[128];

    static {
        Arrays.fill(DIGITS, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            DIGITS[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            DIGITS[c] = (byte) (c - 'a' + 10);
        }
    }

    /**
     * The store's canonical form (64 lowercase hex digits, the last word first, as {@link PdqHash#toHex} writes
     * it) read by table, on the writer's thread; false for anything else, which {@link PdqHash#fromHex} then
     * reads or refuses.
     */
    static boolean parseCanonical(String hex, long[] into, int at) {
        if (hex.length() != 64) {
            return false;
        }
        for (int word = 0; word < 4; word++) {
            int start = (3 - word) * 16;
            long value = 0;
            for (int i = start; i < start + 16; i++) {
                char c = hex.charAt(i);
                int digit = c < 128 ? DIGITS[c] : -1;
                if (digit < 0) {
                    return false;
                }
                value = value << 4 | digit;
            }
            into[at + word] = value;
        }
        return true;
    }

    private void drop() {
        contiguous = false;
        words.clear();
        ids.clear();
        pdq = 0;
        others.clear();
    }

    /** Whether these changes take the index from {@code version} to {@code storeVersion}, alone. */
    boolean complete(long version, long storeVersion) {
        return contiguous && from == version && last == storeVersion && last > from;
    }

    long last() {
        return last;
    }

    /** Hands the gathered changes to the applier (once). */
    void applyTo(BankIndex.Applier applier) {
        long[] allWords = new long[4 * pdq];
        int[] allIds = new int[pdq];
        int at = 0;
        for (int b = 0; b < ids.size(); b++) {
            int[] batchIds = ids.get(b);
            System.arraycopy(words.get(b), 0, allWords, 4 * at, 4 * batchIds.length);
            System.arraycopy(batchIds, 0, allIds, at, batchIds.length);
            at += batchIds.length;
            words.set(b, null); // each batch's arrays can go as soon as they are copied
            ids.set(b, null);
        }
        applier.adoptPdq(allWords, allIds, pdq);
        others.forEach(applier::accept);
        drop();
    }
}
