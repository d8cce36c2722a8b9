/**
 * Safe decoding of untrusted media: limits checked from headers before any pixel buffer is allocated,
 * strict refusal of corrupt and truncated data, content-type sniffing, and pixels delivered the way the
 * PDQ reference sees them (8-bit, alpha dropped, grey when every pixel is grey, no EXIF rotation, no
 * colour management).
 */
package io.takedown.signals.media;
