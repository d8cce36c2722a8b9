/** SHA-256 of a file's bytes: the collision-resistant exact signal used as evidence. */
package io.takedown.signals.sha256;
