/**
 * The synthetic range: a deterministic world of fictional outlets with their infrastructure, neutral
 * multilingual articles, generated images, mirrors that re-upload altered copies, channels (sites, feeds,
 * sitemaps, newsletters, extension and app packages) and hosting providers with behaviour profiles, all
 * on loopback. Nothing here is, fetches or imitates real terrorist content; everything is marked synthetic.
 */
package io.takedown.range;
