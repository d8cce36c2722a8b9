/**
 * Measures matching against the range's evasions: banks the originals of a world with their robust
 * variants, matches every altered copy with its query variants, and reports recall per evasion class and
 * false matches among distinct originals, against the ground truth.
 */
package io.takedown.app.evasion;
