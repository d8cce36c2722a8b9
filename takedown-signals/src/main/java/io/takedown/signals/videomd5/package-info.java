/** {@code video_md5}: MD5 of a video file's bytes, python-threatexchange's exact video signal. */
package io.takedown.signals.videomd5;
