package io.takedown.banks;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The entries one batch inserted, as {@link SignalChange}s made on demand from the batch itself and their ids:
 * hundreds of thousands of them are not turned into strings and objects that an index would only parse again.
 * Immutable once made.
 */
public final class InsertedEntries extends AbstractList<SignalChange> implements RandomAccess {

    private final EntryBatch batch;
    private final int[] positions;
    private final long[] ids;

    InsertedEntries(EntryBatch batch, int[] positions, long[] ids) {
        this.batch = batch;
        this.positions = positions;
        this.ids = ids;
    }

    @Override
    public SignalChange get(int index) {
        int at = positions[index];
        return new SignalChange(ids[index], batch.type(at), batch.value(at), true);
    }

    @Override
    public int size() {
        return ids.length;
    }

    /** The id of the {@code index}-th inserted entry. */
    public long id(int index) {
        return ids[index];
    }

    /** Its signal type. */
    public String type(int index) {
        return batch.type(positions[index]);
    }

    /**
     * When its value is 64 hex digits held as words, puts them into {@code into[at..at+3]} least significant
     * first (as {@code PdqHash}'s w0..w3) and returns true; false when the value is held as a string.
     */
    public boolean hashWords(int index, long[] into, int at) {
        return batch.hashWords(positions[index], into, at);
    }
}
