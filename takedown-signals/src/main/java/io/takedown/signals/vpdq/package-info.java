/**
 * vPDQ, Meta's video signal: the PDQ hash of video frames sampled at a fixed interval (one frame a second
 * by default, as python-threatexchange and HMA hash; every frame on request), each frame hashed at its
 * native size. Bit-exact with the reference tool ({@code vpdq-hash-video}) built against the same FFmpeg.
 * Its two text forms (the reference tool's lines, python-threatexchange's exchange JSON), its comparison
 * (de-duplicated frames of quality 50 or more, a frame matches within 31 bits, a video matches when 80 %
 * of the query's frames do) and locating a clip inside a longer video.
 */
package io.takedown.signals.vpdq;
