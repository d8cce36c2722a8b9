/**
 * The monitor: watches outlets and their channels on the range (sites, feeds, newsletters, extension and
 * app packages), keeps every fetch as WARC evidence, and matches what it captures against the banks.
 * {@link io.takedown.monitor.MonitorService} is the entry point every adapter (CLI, server, demo) uses.
 */
package io.takedown.monitor;
