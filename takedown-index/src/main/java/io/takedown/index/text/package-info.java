/** Near-duplicate text search: locality-sensitive hashing over MinHash sketches, verified by similarity. */
package io.takedown.index.text;
