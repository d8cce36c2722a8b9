/** Takedown's own JSON API under {@code /api/v1}: thin routes over the composition root's services. */
package io.takedown.server.api;
