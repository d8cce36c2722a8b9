/**
 * The Takedown server: {@link io.takedown.server.TakedownServer} serves the API ({@code .api}), the
 * HMA-compatible routes ({@code .hma}) and the console ({@code .console}) over one composition root, with
 * accounts ({@code .accounts}), HTTP plumbing ({@code .http}) and operations endpoints ({@code .ops}).
 */
package io.takedown.server;
