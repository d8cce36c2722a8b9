package io.takedown.infra.evaluation;

/**
 * Every infrastructure figure measured against the range's ground truth on one world: weak-point
 * suggestions against the optimum and the naive plan, mirror detection precision and recall, resurfacing
 * detection delay. What the demo and {@code takedown infra evaluate} print.
 */
public record InfraFigures(WeakPointFigures weakPoints, MirrorFigures mirrors, ResurfacingFigures resurfacing) {
}
