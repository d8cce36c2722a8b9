package io.takedown.index.text;

/**
 * An indexed text similar to the query.
 *
 * @param id entry id given when the text was added
 * @param similarity estimated Jaccard similarity of the shingle sets, 0..1
 */
public record TextMatch(int id, double similarity) {
}
