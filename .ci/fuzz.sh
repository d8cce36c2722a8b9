#!/usr/bin/env bash
# Fuzzes every Jazzer target, each in its own JVM for the budget its @FuzzTest(maxDuration) declares, and
# prints the executions per target. Targets are discovered, so a new @FuzzTest in any module runs without
# touching this file (Jazzer fuzzes only one target per JVM, so -Dtest='*FuzzTest' would fuzz one per module).
#
#   .ci/fuzz.sh               every target
#   .ci/fuzz.sh Checkpoint    targets whose class or method name contains "Checkpoint"
#   .ci/fuzz.sh --list        list the targets and budgets only
#
# A crash fails the run; Jazzer writes the input next to the seeds (src/test/resources/.../*Inputs/method/).
# The whole run stops starting new targets after $TAKEDOWN_FUZZ_MINUTES (default 40) so CI stays in its budget;
# the targets skipped are listed.
set -uo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk.sh
takedown_pick_jdk

# module<TAB>class<TAB>method<TAB>budget for each @FuzzTest method under */src/test/java.
discover() {
  grep -rl --include='*.java' '@FuzzTest' -- */src/test/java 2>/dev/null | sort | while read -r file; do
    module=${file%%/src/test/java/*}
    class=${file#*/src/test/java/}; class=${class%.java}; class=${class//\//.}
    awk -v module="$module" -v class="$class" '
      /@FuzzTest/ { pending = 1; budget = "default"
                    if (match($0, /maxDuration *= *"[^"]*"/)) { b = substr($0, RSTART, RLENGTH); sub(/.*= *"/, "", b); sub(/"$/, "", b); budget = b } }
      pending && match($0, /void +[A-Za-z0-9_]+ *\(/) { m = substr($0, RSTART, RLENGTH); sub(/void +/, "", m); sub(/ *\($/, "", m)
                    printf "%s\t%s\t%s\t%s\n", module, class, m, budget; pending = 0 }' "$file"
  done
}

targets=$(discover)
if [ -z "$targets" ]; then echo "fuzz: no @FuzzTest targets found" >&2; exit 1; fi
if [ "${1:-}" = "--list" ]; then printf '%s\n' "$targets" | column -t -s $'\t'; exit 0; fi
filter=${1:-}

# Compile every module and its tests once; each target then runs without recompiling.
./mvnw -B -q -DskipTests test-compile >/dev/null || { echo "fuzz: build failed" >&2; exit 1; }

logs=$(mktemp -d)
failed=0
deadline=$(( $(date +%s) + ${TAKEDOWN_FUZZ_MINUTES:-40} * 60 ))
summary=()
while IFS=$'\t' read -r module class method budget; do
  [ -n "$filter" ] && [[ "$class#$method" != *"$filter"* ]] && continue
  log="$logs/${class##*.}-$method.log"
  start=$(date +%s)
  if [ "$start" -ge "$deadline" ]; then
    row=$(printf '%-60s %-8s %12s %8s %8s  %s' "${class##*.}#$method" "$budget" "-" "-" "-" "skipped (time budget)")
    echo "fuzz: $row"; summary+=("$row"); continue
  fi
  JAZZER_FUZZ=1 ./mvnw -B -q -Pfuzz test -pl "$module" -am -Dtest="$class#$method" \
      -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1
  code=$?
  took=$(( $(date +%s) - start ))
  runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 \2/p' "$log" | tail -1)
  execs=${runs% *}; secs=${runs#* }
  [ -z "$runs" ] && execs="?" && secs="?"
  status=ok
  if [ $code -ne 0 ]; then
    status=FAILED; failed=1
    echo "fuzz: $class#$method failed; last lines of its log:" >&2
    grep -v '^#[0-9]' "$log" | tail -40 >&2
  fi
  row=$(printf '%-60s %-8s %12s %6s s %6s s  %s' "${class##*.}#$method" "$budget" "$execs" "$secs" "$took" "$status")
  echo "fuzz: $row"
  summary+=("$row")
done <<<"$targets"

echo
printf '%-60s %-8s %12s %8s %8s  %s\n' "target" "budget" "executions" "fuzzing" "total" "status"
printf '%s\n' "${summary[@]}"
rm -rf "$logs"
exit $failed
