#!/usr/bin/env bash
# An action day at scale: ORDERS removal orders to PROVIDERS simulated providers on loopback, struck at
# H-hour through the composition root, on SQLite and (with --postgres URL) PostgreSQL; prints one table:
# go (sign + hold) rate, H-hour to first send, spread, p50/p99 send latency, acknowledged/failed, orders/s.
#   bench/action-day.sh [ORDERS] [PROVIDERS] [--postgres JDBC-URL] [--postgres-only]   default 10000 500
#                       [--http-client jetty|jdk] [--providers-in-process]
# The simulated providers run in a JVM of their own at the lowest CPU priority (they stand for other machines);
# --providers-in-process and --http-client jdk give the earlier arrangement, to compare.
# The PostgreSQL database's public schema is wiped: use a bench database.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/.mvn/jdk.sh"; takedown_pick_jdk
orders="${1:-10000}"; providers="${2:-500}"; shift $(( $# > 2 ? 2 : $# ))
(cd "$root" && ./mvnw -B -q -DskipTests package -pl takedown-bench -am >&2)
"$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -Xmx4g -XX:+UseParallelGC --add-modules jdk.incubator.vector \
  -cp "$root/takedown-bench/target/takedown-bench.jar:$root/takedown-bench/target/lib/*" \
  io.takedown.bench.ActionDayBench --orders "$orders" --providers "$providers" "$@"
