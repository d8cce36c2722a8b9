#!/usr/bin/env bash
# The monitor's crawler against GNU wget (--mirror --warc-file) on the same range outlet, both through the
# range's forward proxy on loopback, in one run:         bench/monitor.sh [small|medium|large]
# Coverage of a whole range crawl against the ground truth: bench/monitor.sh coverage [small|medium]
# wget comes from Debian (apt-get install wget).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/.mvn/jdk.sh"; takedown_pick_jdk
main=io.takedown.bench.MonitorBench
out="$root/bench-out/monitor"
if [ "${1:-}" = coverage ]; then
  main=io.takedown.bench.MonitorCoverage; out="$root/bench-out/monitor-coverage"; shift
else
  command -v wget >/dev/null || { echo "bench: wget is not installed (apt-get install wget)" >&2; exit 2; }
fi
size="${1:-medium}"
(cd "$root" && ./mvnw -B -q -DskipTests package -pl takedown-bench -am >&2)
"$JAVA_HOME/bin/java" -Xmx6g --add-modules jdk.incubator.vector \
  -cp "$root/takedown-bench/target/takedown-bench.jar:$root/takedown-bench/target/lib/*" \
  "$main" "$size" "$out"
