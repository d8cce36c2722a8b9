/**
 * Text fingerprints for near-duplicate posts across scripts: normalisation (Unicode and Arabic-script
 * variants), tokenisation that also segments scripts written without spaces, MinHash with a similarity
 * estimate, and language identification (Lingua).
 */
package io.takedown.signals.text;
