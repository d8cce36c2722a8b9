/**
 * Accounts: how directory users sign in to the server (Argon2id passwords, hashed API tokens, console
 * sessions with CSRF secrets, login throttling). What they may do stays with {@link io.takedown.access.Policy}.
 */
package io.takedown.server.accounts;
