/**
 * The range's videos: short procedural clips of each fictional outlet (slides carrying the outlet's logo mark,
 * moving shapes, caption text), encoded with FFmpeg, and the altered copies re-uploaders make of them
 * (re-encoded, trimmed, cropped, resized, sped up, overlaid with another logo, mirrored), with the ground
 * truth of which copy comes from which original by which alteration. Frames are painted without fonts or
 * antialiasing from streams named after the world's seed, so they are identical on every machine; the
 * encoded bytes are identical for the same FFmpeg build (one thread, bit-exact flags).
 */
package io.takedown.range.video;
