/**
 * PDQ, Meta's 256-bit perceptual image hash, ported from the public algorithm so that it is bit-exact
 * with the C++ reference ({@code pdq-photo-hasher}) on losslessly decoded pixels: same float arithmetic in
 * the same order, with the box filters reorganised across rows and columns for speed but never reordered
 * within one running sum. Also the eight dihedral variants, the Hamming distance and the text form.
 */
package io.takedown.signals.pdq;
