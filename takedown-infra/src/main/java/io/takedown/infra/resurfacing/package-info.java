/**
 * Resurfacing: content whose removal is recorded (an executed removal order) and that appears again, the
 * same or a near-duplicate, on any host. Each tracked removal's signals go into the {@value
 * io.takedown.infra.resurfacing.ResurfacingWatch#BANK} bank, so the platform's matching service finds them in
 * whatever the crawl captures; a match after the removal time raises one alert per place it came back,
 * with the time since removal, where, and the outlet; time-to-resurface is kept per outlet and provider.
 */
package io.takedown.infra.resurfacing;
