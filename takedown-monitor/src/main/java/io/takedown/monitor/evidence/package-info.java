/**
 * Court-ready evidence: the append-only WARC 1.1 archive every fetch is written to (jwarc), and WACZ
 * packages of selected captures, signed as the WACZ signing specification describes, with their verifier.
 */
package io.takedown.monitor.evidence;
