#!/usr/bin/env bash
# Fork storm: the widest fork a fleet can have, made on purpose. Starts `java -jar minerfleet.jar --miners=N` on the
# embedded broker with every miner cut off from every other (`--network.partitions=miner-1;miner-2;...`), so each
# mines a branch of its own for SPLIT_SECONDS; then heals the network on every miner at once (PUT /admin/network with no partitions)
# and reads every miner's /status every 5 s until all report the same tip, or HEAL_SECONDS pass. Prints, per read, the
# distinct tips, the lowest and highest height and the JVM's resident memory; at the end the time to one tip and the
# fleet check. This is the state a large fleet can fall into during its start-up storm (docs/benchmarks.md, "50 miners
# for 10 minutes"), without waiting for chance.
#   bench/fork-storm.sh 50
# Needs curl and jq; with mosquitto_sub installed it also samples 10 s of the broker's traffic after the heal.
# Env: SPLIT_SECONDS (default 180), HEAL_SECONDS (default 300); JAVA_OPTS extra JVM flags; FIRST_PORT (default 18081),
#      BROKER_PORT (default 18830); FLEET_ARGS extra miner settings (default --mining.max-hash-rate=40000).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
for tool in curl jq; do
  command -v "$tool" > /dev/null || { echo "bench/fork-storm.sh needs $tool (Debian: apt-get install $tool)"; exit 1; }
done
N=${1:-50}
SPLIT_SECONDS=${SPLIT_SECONDS:-180}
HEAL_SECONDS=${HEAL_SECONDS:-300}
FIRST_PORT=${FIRST_PORT:-18081}
BROKER_PORT=${BROKER_PORT:-18830}
FLEET_ARGS=${FLEET_ARGS:---mining.max-hash-rate=40000}
JAR=target/minerfleet-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
log=$(mktemp /tmp/fork-storm.XXXXXX.log)
echo "== fleet log: $log"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

partitions=$(seq -f 'miner-%g' 1 "$N" | paste -sd ';')
# shellcheck disable=SC2086
start_fleet --network.partitions="$partitions" $FLEET_ARGS
ports=$(fleet_ports)
broker_port=$(grep -o 'listening on tcp://[0-9.]*:[0-9]*' "$log" | head -1 | sed 's/.*://')

# one line per miner, "height tip", read in parallel
read_tips() {
  echo "$ports" | xargs -P 16 -I{} sh -c \
    'curl -s -m 10 localhost:{}/status | jq -r "\"\(.height) \(.tip)\"" 2>/dev/null || echo "- -"'
}

report() {
  local tips rss
  tips=$(read_tips)
  rss=$(awk '/VmRSS/ {print int($2 / 1024)}' /proc/$pid/status)
  distinct=$(echo "$tips" | awk '$2 != "-" {print $2}' | sort -u | wc -l)
  answered=$(echo "$tips" | awk '$2 != "-"' | wc -l)
  heights=$(echo "$tips" | awk '$1 != "-" {print $1}' | sort -n)
  printf '%6s s  %2d of %d answered  %2d distinct tips  heights %s..%s  RSS %s MiB\n' "$1" "$answered" "$N" \
    "$distinct" "$(echo "$heights" | head -1)" "$(echo "$heights" | tail -1)" "$rss"
}

echo "== $N miners up, each on its own; splitting for ${SPLIT_SECONDS}s"
sleep "$SPLIT_SECONDS"
report "split"
echo "== healing every miner's network"
echo "$ports" | xargs -P 16 -I{} curl -s -o /dev/null -m 10 -X PUT "localhost:{}/admin/network" \
  -H 'Content-Type: application/json' -d '{"partitions": []}'
healed=$(date +%s)
if command -v mosquitto_sub > /dev/null; then
  # what the broker carries meanwhile: every message for 10 s from the 20th second on, by the topic's kind
  (sleep 20; timeout 10 mosquitto_sub -h 127.0.0.1 -p "${broker_port:-$BROKER_PORT}" -t '#' -F '%t %l' > "$log.traffic" 2>&1 || true) &
fi
converged=""
while [ $(( $(date +%s) - healed )) -lt "$HEAL_SECONDS" ]; do
  sleep 5
  kill -0 $pid 2>/dev/null || { echo "fleet died:"; tail -30 "$log"; exit 1; }
  report "+$(( $(date +%s) - healed ))"
  if [ "$distinct" -eq 1 ] && [ "$answered" -eq "$N" ]; then
    converged=$(( $(date +%s) - healed ))
    break
  fi
done
if [ -n "$converged" ]; then
  echo "== all $N miners on one tip ${converged}s after the heal (read every 5 s)"
else
  echo "== NOT on one tip ${HEAL_SECONDS}s after the heal"
fi
echo "== sync rounds logged: $(grep -c 'Synced ' "$log" || true), of which with no new block:" \
  "$(grep -c 'Synced no new block' "$log" || true); sync requests timed out (DEBUG only):" \
  "$(grep -c 'timed out' "$log" || true); broker's PUBACK mismatches: $(grep -c 'PUBACK with not matching' "$log" || true)"
if [ -s "$log.traffic" ]; then
  echo "== broker traffic from +20 s to +30 s after the heal, by kind: messages, bytes"
  awk 'NF == 2 {split($1, t, "/"); n[t[2]]++; b[t[2]] += $2} END {for (k in n) printf "    %-10s %8d %12d\n", k, n[k], b[k]}' \
    "$log.traffic" | sort -k3 -rn
fi
echo "== compact block relay over all miners: received, rebuilt from the mempool, left to sync, left alone (lighter" \
  "branch), transactions asked for, sent in answers; reorganisations"
echo "$ports" | xargs -P 16 -I{} sh -c 'curl -s -m 10 localhost:{}/status | jq -r "[.compactBlocks.received,
  .compactBlocks.rebuiltFromMempool, .compactBlocks.leftToSync, .compactBlocks.lighterBranch,
  .compactBlocks.transactionsRequested, .compactBlocks.transactionsSent, .reorgs] | @tsv" 2>/dev/null' \
  | awk '{for (i = 1; i <= NF; i++) t[i] += $i} END {printf "    %d %d %d %d %d %d %d\n", t[1], t[2], t[3], t[4], t[5], t[6], t[7]}'
java -jar "$JAR" check --urls="$(fleet_urls)" > "$log.check" || true
grep -v "^miner-" "$log.check" || true
kill -TERM $pid
wait $pid || true
trap - EXIT
