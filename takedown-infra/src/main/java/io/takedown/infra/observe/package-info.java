/**
 * What was observed of each site: its pages, assets (favicon, stylesheets, images, by hash), certificate,
 * address and CDN front. Detection reads these records only ({@link io.takedown.infra.observe.SiteObservation}),
 * whoever made them: the monitor's captures, or {@link io.takedown.infra.observe.LoopbackObserver}, which
 * fetches the synthetic range directly on loopback.
 */
package io.takedown.infra.observe;
