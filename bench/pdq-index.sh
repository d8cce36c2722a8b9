#!/usr/bin/env bash
# PDQ range index against FAISS (IndexBinaryFlat, IndexBinaryMultiHash as HMA configures it), same data,
# one run.   bench/pdq-index.sh [N] [QUERIES]      e.g. bench/pdq-index.sh 10000000 1000
# FAISS comes from Debian (apt-get install python3-faiss python3-numpy) and runs with /usr/bin/python3.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/.mvn/jdk.sh"; takedown_pick_jdk
n="${1:-1000000}"; q="${2:-1000}"
anchor="$root/../shared/anchors/faiss_pdq_bench.py"
(cd "$root" && ./mvnw -B -q -DskipTests package -pl takedown-bench -am >&2)
faiss_args=()
if /usr/bin/python3 -c 'import faiss' 2>/dev/null && [ -f "$anchor" ]; then faiss_args=(--faiss "$anchor")
else echo "bench: FAISS not installed; measuring Takedown alone" >&2; fi
thp=(); grep -qE '\[(always|madvise)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null && thp=(-XX:+UseTransparentHugePages)
"$JAVA_HOME/bin/java" -Xmx6g -XX:+UseParallelGC --add-modules jdk.incubator.vector "${thp[@]}" \
  -cp "$root/takedown-bench/target/takedown-bench.jar:$root/takedown-bench/target/lib/*" \
  io.takedown.bench.PdqIndexBench --n "$n" --q "$q" --out "$root/bench-out/pdq-index" "${faiss_args[@]}"
