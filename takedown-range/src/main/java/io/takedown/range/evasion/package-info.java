/**
 * The evasions re-uploaders apply to images so that hashes miss them, as the range renders them: frames of
 * any width, letterboxing, caption bands and meme text, small rotations, screenshots of an app showing the
 * image, collages, greyscale and heavy JPEG. Drawn without fonts or antialiasing, from the copy's own random
 * stream, so the same seed gives the same bytes on every machine.
 */
package io.takedown.range.evasion;
