#!/usr/bin/env bash
# Banks at hash-sharing scale: `takedown bank import` of n random PDQ hashes and `takedown match FILE` against
# them, on SQLite and (when TAKEDOWN_BENCH_POSTGRES_URL names a database, or a &currentSchema=NAME, of its own:
# it is wiped) PostgreSQL,
# side by side with the same commands of an older build in the same run.
#   bench/banks.sh [N...]                 e.g. bench/banks.sh 2100000 10000000
# OLD_REF (default 49fa90c, the code before persistent indexes) is built from git into bench-out/old-src;
# OLD_MAX (default 2100000) is the largest n the old build is run at (it rebuilds its index on every call);
# OLD_STORES (default sqlite; sqlite,postgresql for both) where it runs (on PostgreSQL its import makes two
# round trips per row).
# BASE_REF (default 198495c, main before the store fast path, the connection pool and the import's own index
# feed; "none" to skip) is a second anchor, built the same way and run on both stores up to BASE_MAX (default
# 2100000).
# Peak RSS and wall time come from /usr/bin/time (apt-get install time).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/.mvn/jdk.sh"; takedown_pick_jdk
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(2100000)
old_ref="${OLD_REF:-49fa90c}"
out="$root/bench-out/banks"; mkdir -p "$out"
(cd "$root" && ./mvnw -B -q -DskipTests package -pl takedown-cli,takedown-bench -am >&2)
old_args=()
if [ "$old_ref" != "none" ]; then
  old_src="$root/bench-out/old-src-$old_ref"
  if [ ! -f "$old_src/takedown-cli/target/takedown-cli.jar" ]; then
    rm -rf "$old_src"; mkdir -p "$old_src"
    git -C "$root" archive "$old_ref" | tar -x -C "$old_src"
    (cd "$old_src" && ./mvnw -B -q -DskipTests package -pl takedown-cli -am >&2)
  fi
  old_args=(--old-jar "$old_src/takedown-cli/target/takedown-cli.jar" --old-max "${OLD_MAX:-2100000}"
    --old-stores "${OLD_STORES:-sqlite}")
fi
base_ref="${BASE_REF:-198495c}"
if [ "$base_ref" != "none" ]; then
  base_src="$root/bench-out/old-src-$base_ref"
  if [ ! -f "$base_src/takedown-cli/target/takedown-cli.jar" ]; then
    rm -rf "$base_src"; mkdir -p "$base_src"
    git -C "$root" archive "$base_ref" | tar -x -C "$base_src"
    (cd "$base_src" && ./mvnw -B -q -DskipTests package -pl takedown-cli -am >&2)
  fi
  old_args+=(--base-jar "$base_src/takedown-cli/target/takedown-cli.jar" --base-name "$base_ref"
    --base-max "${BASE_MAX:-2100000}")
fi
pg_args=(); [ -n "${TAKEDOWN_BENCH_POSTGRES_URL:-}" ] && pg_args=(--postgres "$TAKEDOWN_BENCH_POSTGRES_URL")
n_args=(); for n in "${sizes[@]}"; do n_args+=(--n "$n"); done
"$JAVA_HOME/bin/java" -cp "$root/takedown-bench/target/takedown-bench.jar:$root/takedown-bench/target/lib/*" \
  io.takedown.bench.BankBench --new-jar "$root/takedown-cli/target/takedown-cli.jar" --out "$out" \
  "${n_args[@]}" ${old_args[@]+"${old_args[@]}"} "${pg_args[@]}" --runs "${RUNS:-3}"
