#!/usr/bin/env bash
# Installs (if missing) the native media libraries Takedown uses when present: libjpeg-turbo's TurboJPEG
# and libwebp for image decoding (the decoders of the PDQ reference's ImageMagick), and FFmpeg for video.
# Without them Takedown falls back to pure-Java image decoders and refuses video signals with a reason;
# CI wants the real thing, so .ci/run calls this and makes the tests require it.
set -euo pipefail
missing=()
[ -e /usr/lib/x86_64-linux-gnu/libturbojpeg.so.0 ] || ldconfig -p | grep -q 'libturbojpeg.so.0 ' || missing+=(libturbojpeg0)
ldconfig -p | grep -q 'libwebp.so.7 ' || missing+=(libwebp7)
command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
if [ ${#missing[@]} -gt 0 ]; then
  echo "CI: installing ${missing[*]}" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}") >&2
fi
