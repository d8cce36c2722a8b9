/**
 * Weak points: which few targets (providers, registrars, domains, CDN accounts, update URLs) cut the most
 * audience reach. A channel reaches its audience while one of its routes (everything one way of serving
 * it needs) has nothing removed; the greedy suggestion with pair look-ahead and swaps is compared with the
 * exhaustive optimum on small graphs and with the naive "remove each outlet's main domain".
 */
package io.takedown.infra.weakpoints;
