/**
 * Infrastructure intelligence: the graph of what outlets run on ({@code .graph}), where it is weakest
 * ({@code .weakpoints}), and its measurement against the synthetic range's ground truth ({@code .evaluation}).
 */
package io.takedown.infra;
