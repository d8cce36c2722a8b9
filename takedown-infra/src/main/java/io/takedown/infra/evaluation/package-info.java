/**
 * Measurement against the synthetic range's ground truth: the true infrastructure graph at any range
 * instant, suggestion quality (reach removed against the exhaustive optimum and the naive plan), strikes
 * replayed in range time with a resilience score per outlet. The only part of this module that may know
 * the range (LayeringTest).
 */
package io.takedown.infra.evaluation;
