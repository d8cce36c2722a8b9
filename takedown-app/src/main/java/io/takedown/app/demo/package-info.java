/**
 * The demo: a whole operation on a synthetic range, as one service the command line and the server both
 * run. It generates the world, banks the outlets' originals and matches every mirror copy, opens cases in
 * several member states' authorities, plans an action day with deconfliction and go/no-go, strikes at
 * H-hour, follows compliance in range time, measures what resurfaced at +1 h, +24 h and +7 days, writes the
 * after-action report and verifies the audit trail. Results arrive act by act through a
 * {@link io.takedown.app.demo.DemoListener}, so an adapter shows progress as it goes.
 */
package io.takedown.app.demo;
