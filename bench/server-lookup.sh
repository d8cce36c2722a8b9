#!/usr/bin/env bash
# HMA-compatible /m/lookup by PDQ hash through the real server on loopback at 1, 100 and 1,000 concurrent
# clients: throughput and p50/p99.   bench/server-lookup.sh [N] [SECONDS] [DATA_DIR]
# The load comes from wrk (apt-get install wrk) when installed, else from a Java client in the same JVM.
# e.g. bench/server-lookup.sh 10000000 20 /tmp/bench-10m   (a data directory is reused by later runs)
# JVM options as the launcher gives `takedown serve` (parallel collector, young generation capped, huge pages).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/.mvn/jdk.sh"; takedown_pick_jdk
n="${1:-1000000}"; seconds="${2:-20}"; home="${3:-$root/bench-out/server-lookup-$n}"
mkdir -p "$home"
ulimit -n 65536 2>/dev/null || true   # 1,000 client sockets plus the server's
(cd "$root" && ./mvnw -B -q -DskipTests package -pl takedown-bench -am >&2)
thp=(); grep -qE '\[(always|madvise)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null && thp=(-XX:+UseTransparentHugePages)
"$JAVA_HOME/bin/java" -Xmx12g -XX:+UseParallelGC -XX:MaxNewSize=256m --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  "${thp[@]}" -cp "$root/takedown-bench/target/takedown-bench.jar:$root/takedown-bench/target/lib/*" \
  io.takedown.bench.ServerLookupBench --n "$n" --seconds "$seconds" --home "$home"
