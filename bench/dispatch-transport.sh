#!/usr/bin/env bash
# An action day's burst on the HTTP transport alone: ORDERS documents posted at once over warmed HTTP/2
# connections to PROVIDERS simulated providers (their own niced JVM), the JDK's client beside Jetty's, ROUNDS
# rounds taking turns. No database. Prints one table.
#   bench/dispatch-transport.sh [ORDERS] [PROVIDERS] [ROUNDS]      default 10000 500 2
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/.mvn/jdk.sh"; takedown_pick_jdk
orders="${1:-10000}"; providers="${2:-500}"; rounds="${3:-2}"; shift $(( $# > 3 ? 3 : $# ))
(cd "$root" && ./mvnw -B -q -DskipTests package -pl takedown-bench -am >&2)
"$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -Xmx2g -XX:+UseParallelGC \
  -cp "$root/takedown-bench/target/takedown-bench.jar:$root/takedown-bench/target/lib/*" \
  io.takedown.bench.DispatchTransportBench --orders "$orders" --providers "$providers" --rounds "$rounds" "$@"
