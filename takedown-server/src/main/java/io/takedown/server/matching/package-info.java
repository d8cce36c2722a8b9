/**
 * The server's live match index: loaded once in the background, kept current by bank events, shared by the
 * HMA routes, the API and the console.
 */
package io.takedown.server.matching;
