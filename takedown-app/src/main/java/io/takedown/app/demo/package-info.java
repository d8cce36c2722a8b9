/**
 * The demo: a whole operation on a synthetic range, as one service the command line and the server both
 * run. It generates the world, banks the outlets' originals, finds their mirrors by observation, crawls them
 * with the monitor (whose hits open cases in several member states' authorities), plans an action day with
 * deconfliction and go/no-go, strikes at H-hour, follows compliance in range time, crawls again to measure
 * what resurfaced at +1 h, +24 h and +7 days, writes the after-action report and verifies the audit trail.
 * The range's ground truth only scores what the services found. Results arrive act by act through a
 * {@link io.takedown.app.demo.DemoListener}, so an adapter shows progress as it goes.
 */
package io.takedown.app.demo;
