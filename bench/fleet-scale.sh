#!/usr/bin/env bash
# Local fleet scale: starts `java -jar minerfleet.jar --miners=N` on the embedded broker, waits until every miner is
# up, lets it run, then records start-up time, resident memory, heap after a full GC and threads, checks that all
# miners agree with `check`, and stops the fleet with SIGTERM (what Ctrl-C sends to a foreground fleet is SIGINT; a background job ignores SIGINT). Marginal cost per miner comes from two runs:
#   bench/fleet-scale.sh 1 && bench/fleet-scale.sh 20
# Env: RUN_SECONDS (default 60) time to let the fleet mine before measuring; JAVA_OPTS extra JVM flags;
#      FIRST_PORT (default 18081), BROKER_PORT (default 18830); FLEET_ARGS extra miner settings.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
N=${1:-20}
RUN_SECONDS=${RUN_SECONDS:-60}
FIRST_PORT=${FIRST_PORT:-18081}
BROKER_PORT=${BROKER_PORT:-18830}
JAR=target/minerfleet-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
log=$(mktemp /tmp/fleet-scale.XXXXXX.log)

start=$(date +%s.%N)
# shellcheck disable=SC2086
start_fleet ${FLEET_ARGS:-}
ready=$(date +%s.%N)
echo "== $N miners up in $(echo "$ready - $start" | bc) s (wall clock from launch, JVM start included)"
grep -E "^miner-[0-9]+ " "$log" | awk '{print "   ", $1, "started in", $3, "s"}' | head -3
[ "$N" -gt 3 ] && grep -E "^miner-[0-9]+ " "$log" | awk '{s+=$3; n++} END {printf "    mean per miner: %.2f s\n", s/n}'
sleep "$RUN_SECONDS"
jcmd $pid GC.run > /dev/null
sleep 2
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
threads=$(awk '/Threads/ {print $2}' /proc/$pid/status)
heap_used=$(jcmd $pid GC.heap_info | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}')
echo "== after ${RUN_SECONDS}s: RSS $((rss_kb / 1024)) MiB, heap used after full GC ${heap_used}, threads $threads"
java -jar "$JAR" check --urls="$(fleet_urls)" > "$log.check" || true
grep -v "^miner-" "$log.check" || true
# every miner's height as the check's table read it, one miner after another while the fleet mines on (the per-miner
# lines are left out above); the check's first line gives the heights read at one moment
heights=$(awk '/^miner-[0-9]+ / && $3 ~ /^[0-9]+$/ {print $3}' "$log.check" | sort -n)
if [ -n "$heights" ]; then
  echo "== heights of the $(echo "$heights" | wc -l) miners as read one after another: lowest $(echo "$heights" | head -1)," \
    "highest $(echo "$heights" | tail -1)"
fi
kill -TERM $pid
t0=$(date +%s.%N)
wait $pid || true
echo "== stopped in $(echo "$(date +%s.%N) - $t0" | bc) s after SIGTERM"
trap - EXIT
