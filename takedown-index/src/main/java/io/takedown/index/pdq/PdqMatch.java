package io.takedown.index.pdq;

/**
 * One indexed hash within the query's radius.
 *
 * @param id the entry id given when the hash was added
 * @param distance Hamming distance in bits, 0..256
 */
public record PdqMatch(int id, int distance) implements Comparable<PdqMatch> {

    @Override
    public int compareTo(PdqMatch other) {
        int byDistance = Integer.compare(distance, other.distance);
        return byDistance != 0 ? byDistance : Integer.compare(id, other.id);
    }
}
