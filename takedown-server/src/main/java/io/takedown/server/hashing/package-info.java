/** Hashing what clients upload, with the platform's file hasher; nothing uploaded is kept. */
package io.takedown.server.hashing;
