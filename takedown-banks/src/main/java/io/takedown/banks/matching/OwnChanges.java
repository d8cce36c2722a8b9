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
    private long[] words = new long[4 * 1024];
    private int[] ids = new int[1024];
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
        for (SignalChange change : batch.inserted()) {
            if (change.type().equals("pdq") && change.entryId() <= Integer.MAX_VALUE) {
                PdqHash hash;
                try {
                    hash = PdqHash.fromHex(change.value());
                } catch (RuntimeException e) {
                    others.add(change); // the applier reports it as it does for the store's feed
                    continue;
                }
                if (pdq == ids.length) {
                    int grown = pdq + (pdq >> 1);
                    ids = Arrays.copyOf(ids, grown);
                    words = Arrays.copyOf(words, 4 * grown);
                }
                words[4 * pdq] = hash.w0();
                words[4 * pdq + 1] = hash.w1();
                words[4 * pdq + 2] = hash.w2();
                words[4 * pdq + 3] = hash.w3();
                ids[pdq++] = (int) change.entryId();
            } else {
                others.add(change);
            }
        }
    }

    private void drop() {
        contiguous = false;
        words = null;
        ids = null;
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
        applier.adoptPdq(words, ids, pdq);
        others.forEach(applier::accept);
        drop();
    }
}
