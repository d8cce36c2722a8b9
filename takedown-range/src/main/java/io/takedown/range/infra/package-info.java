/**
 * The range's infrastructure and how it fights back. {@link io.takedown.range.infra.Infrastructure} builds,
 * from the world's seed, what each fictional outlet runs on: domains with their registrars, hosting
 * providers, CDN accounts, certificates, analytics IDs, favicons and page kits, extension and app update
 * URLs, newsletter senders, a synthetic audience per channel, and unrelated decoy sites that share some of
 * it by coincidence. {@link io.takedown.range.infra.InfraSimulation} runs it in range time: removals and
 * strikes take things down, and each outlet reacts per a seeded strategy (re-hosting, new mirror domains,
 * moving to providers that ignore orders, a CDN in front), every change recorded as ground truth.
 */
package io.takedown.range.infra;
