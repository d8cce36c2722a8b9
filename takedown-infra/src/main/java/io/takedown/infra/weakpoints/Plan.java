package io.takedown.infra.weakpoints;

import java.util.List;

/**
 * A set of targets and the audience reach removing them cuts.
 *
 * @param targets in the order they were chosen
 * @param removed audience cut
 * @param total audience of every channel in the model
 */
public record Plan(String method, List<String> targets, long removed, long total) {

    public Plan {
        targets = List.copyOf(targets);
    }

    public double share() {
        return total == 0 ? 0 : (double) removed / total;
    }
}
