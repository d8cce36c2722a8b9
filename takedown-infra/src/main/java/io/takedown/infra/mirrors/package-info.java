/**
 * Mirror proposals: a site observed anywhere is proposed as a mirror of a known outlet when the evidence
 * ties it to one (shared analytics IDs, favicon hash, certificate or key, CDN account, page-template
 * similarity from DOM-structure shingles, shared assets, shared text), each link weighed by how rare it is
 * among all observed sites, with a confidence; an analyst confirms or rejects each proposal (recorded
 * and audited), and confirmed mirrors join their outlet's profile.
 */
package io.takedown.infra.mirrors;
