/**
 * The web console: JTE templates compiled at build time, htmx served as a static file, server-sent events
 * for the live board; every page calls the same services as the API and checks CSRF on state changes.
 */
package io.takedown.server.console;
