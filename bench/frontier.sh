#!/usr/bin/env bash
# The monitor with a huge frontier: QUEUED URLs (default 1,000,000) queued in the store, FETCHED of them
# (default 20,000) crawled through the range's proxy, in a JVM capped at 256 MiB of heap.
#   bench/frontier.sh [QUEUED] [FETCHED]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/.mvn/jdk.sh"; takedown_pick_jdk
(cd "$root" && ./mvnw -B -q -DskipTests package -pl takedown-bench -am >&2)
"$JAVA_HOME/bin/java" -Xmx256m --add-modules jdk.incubator.vector \
  -cp "$root/takedown-bench/target/takedown-bench.jar:$root/takedown-bench/target/lib/*" \
  io.takedown.bench.FrontierBench "${1:-1000000}" "${2:-20000}" "$root/bench-out/frontier"
