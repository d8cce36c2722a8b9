package io.takedown.monitor;

import io.takedown.monitor.frontier.FrontierStore;
import io.takedown.monitor.frontier.MonitoredOutlet;
import java.util.List;
import java.util.Optional;

/** Outlets watched, the frontier by state and host, and the last cycle. */
public record MonitorStatus(List<MonitoredOutlet> outlets, FrontierStore.FrontierCounts frontier,
                            Optional<FrontierStore.Cycle> lastCycle, long captures) {
}
