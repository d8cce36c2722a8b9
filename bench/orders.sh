#!/usr/bin/env bash
# Order delivery through the outbox relay over HTTPS to a range provider: one at a time (the anchor) and
# 64 in flight, on SQLite and, when a URL is given, PostgreSQL (its public schema is WIPED: use a bench DB).
#   bench/orders.sh [N] [POSTGRES_URL]        e.g. bench/orders.sh 2000
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/.mvn/jdk.sh"; takedown_pick_jdk
n="${1:-2000}"
pg_args=()
if [ -n "${2:-}" ]; then pg_args=(--postgres "$2"); fi
(cd "$root" && ./mvnw -B -q -DskipTests package -pl takedown-bench -am >&2)
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector \
  -cp "$root/takedown-bench/target/takedown-bench.jar:$root/takedown-bench/target/lib/*" \
  io.takedown.bench.OrderDeliveryBench --n "$n" "${pg_args[@]}"
