/**
 * The composition root. {@link io.takedown.app.Takedown} builds every service of the platform from one
 * {@link io.takedown.app.TakedownConfig} (data directory, database, clock), once, and hands the same
 * instances to whichever adapter runs: the command line, the HTTP server, the demo. Adapters parse input,
 * call a service and render the answer; no workflow lives here or in them.
 */
package io.takedown.app;
