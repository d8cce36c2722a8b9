/**
 * Routes compatible with Meta's hasher-matcher-actioner ({@code /h}, {@code /m}, {@code /c}): same parameters,
 * shapes, status codes and error bodies, on Takedown's banks and matcher.
 */
package io.takedown.server.hma;
