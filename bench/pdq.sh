#!/usr/bin/env bash
# PDQ speed, Takedown against Meta's C++ reference, on one folder in one run.
#   bench/pdq.sh [FOLDER] [SECONDS]
# Builds the reference's benchmark tool from a ThreatExchange checkout (THREATEXCHANGE=path to a clone or
# a bare mirror; default /work/.mirror/facebook+ThreatExchange/repo) into bench-out/, which git ignores:
# its code is never committed. The reference reads images through ImageMagick's `convert`
# (apt-get install imagemagick); /usr/bin comes first on its PATH.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/.mvn/jdk.sh"; takedown_pick_jdk
folder="${1:-$root/../shared/pdq-reference/images}"
seconds="${2:-10}"
te="${THREATEXCHANGE:-/work/.mirror/facebook+ThreatExchange/repo}"
out="$root/bench-out/pdq-cpp"
# The reference's tool reads one flat folder of regular files: give both sides the same flat copy.
flat="$root/bench-out/pdq-images"
rm -rf "$flat"; mkdir -p "$flat"
(cd "$folder" && find . -type f \( -iname '*.png' -o -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.webp' \) -print0 |
  while IFS= read -r -d '' f; do cp "$f" "$flat/$(echo "${f#./}" | tr '/' '_')"; done)
reference_args=()
if [ -d "$te" ]; then
  if [ ! -x "$out/pdq/cpp/benchmark-photo-hasher" ]; then
    rm -rf "$out"; mkdir -p "$out"
    gitdir="$te"; [ -d "$te/.git" ] && gitdir="$te/.git"
    # File by file: a mirror may lack large blobs (PDFs) that the build does not need.
    git --git-dir="$gitdir" ls-tree -r --name-only HEAD pdq/cpp | while read -r f; do
      mkdir -p "$out/$(dirname "$f")"
      git --git-dir="$gitdir" show "HEAD:$f" > "$out/$f" 2>/dev/null || rm -f "$out/$f"
    done
    make -C "$out/pdq/cpp" -s benchmark-photo-hasher >&2
  fi
  reference_args=(--reference "$out/pdq/cpp/benchmark-photo-hasher")
else
  echo "bench: no ThreatExchange checkout at $te; measuring Takedown alone" >&2
fi
(cd "$root" && ./mvnw -B -q -DskipTests package -pl takedown-bench -am >&2)
PATH="/usr/bin:$PATH" "$JAVA_HOME/bin/java" -XX:+UseParallelGC --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$root/takedown-bench/target/takedown-bench.jar:$root/takedown-bench/target/lib/*" \
  io.takedown.bench.PdqBench "$flat" --seconds "$seconds" "${reference_args[@]}"
