#!/usr/bin/env bash
# Mining with the service running: the hash rate of one mining thread inside a running miner (REST polled every 100 ms,
# MQTT connected with a second miner publishing a transaction every 100 ms, genTRX every second, metrics on) against
# the bare nonce loop. Each round runs, back to back:
#   1. the JMH figure: NonceLoopBenchmark.oneThread, MIDSTATE (as bench/pow.sh), in its own JVM;
#   2. ServiceHashRateBenchmark (src/test/java/dev/minerfleet/bench) in one fresh JVM: first the bare NonceSearch loop
#      on one thread (WARMUP_SECONDS, then WINDOW_SECONDS timed), then the miner application, whose /status `hashes`
#      is read over WINDOW_SECONDS after WARMUP_SECONDS, with CPU time per thread group for both.
# The machine has 2 cores and other work: quote the medians and the ratios, never one round.
#
# Usage: bench/service-hashrate.sh
#   ROUNDS          rounds, default 3
#   WINDOW_SECONDS  timed window of the bare loop and of the service, default 10
#   WARMUP_SECONDS  before each window, default 10
#   JAVA            java executable, default java on the PATH; JAVA_OPTS extra JVM flags for the service JVM
#   MVN_FLAGS       extra Maven flags, e.g. -o to stay offline
# Takes about 1.5 minutes a round with the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
WINDOW_SECONDS=${WINDOW_SECONDS:-10}
WARMUP_SECONDS=${WARMUP_SECONDS:-10}
JAVA=${JAVA:-java}
OPENS="--add-opens=java.base/sun.security.provider=ALL-UNNAMED"
JMH_FLAGS=(-f 1 -wi 2 -w 2s -i 4 -r 2s -foe true -p strategy=MIDSTATE)

# shellcheck source=bench/lib.sh
. bench/lib.sh
start_bench service-hashrate

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
for round in $(seq 1 "$ROUNDS"); do
	echo "== round $round of $ROUNDS (load average $(cut -d' ' -f1 /proc/loadavg))"
	"$JAVA" "$OPENS" -cp "$CP" org.openjdk.jmh.Main 'NonceLoopBenchmark\.oneThread$' "${JMH_FLAGS[@]}" \
		-rf csv -rff "$work/jmh-$round.csv" >"$work/jmh-$round.log" 2>&1 || { tail -20 "$work/jmh-$round.log"; exit 1; }
	tail -n +2 "$work/jmh-$round.csv" | tr -d '"\r' | cut -d, -f5 >>"$work/jmh.txt"
	echo "   JMH MIDSTATE 1 thread: $(tail -1 "$work/jmh.txt") M/s"
	# shellcheck disable=SC2086
	"$JAVA" ${JAVA_OPTS:-} "$OPENS" -cp "$CP" dev.minerfleet.bench.ServiceHashRateBenchmark "$WINDOW_SECONDS" \
		"$WARMUP_SECONDS" >"$work/service-$round.log" 2>&1 || { tail -30 "$work/service-$round.log"; exit 1; }
	grep "^RESULT" "$work/service-$round.log" | sed 's/^RESULT /   /'
	grep "^RESULT bare" "$work/service-$round.log" | field mhps >>"$work/bare.txt"
	grep "^RESULT service" "$work/service-$round.log" | field mhps >>"$work/service.txt"
	grep "^RESULT bare" "$work/service-$round.log" | field mhps_per_cpu_second >>"$work/bare-cpu.txt"
	grep "^RESULT service" "$work/service-$round.log" | field mhps_per_cpu_second >>"$work/service-cpu.txt"
	paste "$work/service.txt" "$work/jmh.txt" | tail -1 | awk '{ printf "%.3f\n", $1 / $2 }' >>"$work/ratio-jmh.txt"
	paste "$work/service.txt" "$work/bare.txt" | tail -1 | awk '{ printf "%.3f\n", $1 / $2 }' >>"$work/ratio-bare.txt"
done

median() {
	[[ -s "$1" ]] || { echo "n/a"; return; }
	sort -g "$1" | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f", m }'
}

echo
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== medians over $ROUNDS rounds, million double hashes per second"
row() { printf '%-52s %8s   %s\n' "$1" "$(median "$work/$2.txt")" "$(paste -sd' ' "$work/$2.txt")"; }
row "JMH NonceLoopBenchmark.oneThread MIDSTATE" jmh
row "bare NonceSearch loop, 1 thread, service JVM" bare
row "running miner, 1 mining thread (/status hashes)" service
row "bare, per CPU second of its thread" bare-cpu
row "service, per CPU second of the miner thread" service-cpu
row "service / JMH, per round" ratio-jmh
row "service / bare in the same JVM, per round" ratio-bare
awk -v s="$(median "$work/service.txt")" -v j="$(median "$work/jmh.txt")" -v b="$(median "$work/bare.txt")" 'BEGIN {
	printf "ratio of medians: service / JMH %.3f, service / bare %.3f (target 0.95: %s)\n", s / j, s / b,
		(s / j >= 0.95) ? "met" : "MISSED" }'
