#!/usr/bin/env bash
# Transaction throughput of a fleet of 5 miners (issue 7, part 2). Starts a Mosquitto of its own on a free loopback
# port (never 1883), then, in order:
#   1. the reference, BrokerFanOutReference: a plain Paho v3 publisher and 5 plain Paho subscribers through that
#      Mosquitto, QoS 1, every message to every subscriber, for each of REFERENCE_SIZES (bytes);
#   2. for each rate in RATES (transactions a second, the whole fleet), ROUNDS times, TransactionThroughputBenchmark
#      in a fresh JVM: 5 miners (one JVM, as the local fleet runs them), a block every 2 s on average, genTRX on
#      every miner at rate / 5 for WARMUP_SECONDS + SECONDS, then up to DRAIN_SECONDS for the last transactions to be
#      confirmed; every transaction must be confirmed on every miner's chain by the same block and have reached every
#      miner on NEWTRX.
# The machine has 2 cores and other work: the load average is printed with every figure; quote medians and ratios.
#
# Usage: bench/tx-throughput.sh
#   RATES            total transactions a second to try, default "1000 2000 3000 4000 5000 6000"
#   ROUNDS           rounds of each rate, default 1
#   RUN_SECONDS      measured window, default 60;  WARMUP_SECONDS before it, default 10;  DRAIN_SECONDS, default 20
#   MINER_ARGS       extra settings for every miner, e.g. "--chain.max-block-transactions=20000"
#   REFERENCE_SIZES  payload sizes of the reference, default "300 3000"; REFERENCE_SECONDS, default 10; "" skips it
#   JAVA, JAVA_OPTS  java executable and extra flags for the fleet JVM (e.g. -XX:StartFlightRecording=...)
#   MVN_FLAGS        extra Maven flags, e.g. -o to stay offline
# About 1.5 minutes a rate with the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
RATES=${RATES:-"1000 2000 3000 4000 5000 6000"}
ROUNDS=${ROUNDS:-1}
RUN_SECONDS=${RUN_SECONDS:-60}
WARMUP_SECONDS=${WARMUP_SECONDS:-10}
DRAIN_SECONDS=${DRAIN_SECONDS:-20}
REFERENCE_SIZES=${REFERENCE_SIZES-"300 3000"}
REFERENCE_SECONDS=${REFERENCE_SECONDS:-10}
JAVA=${JAVA:-java}
MOSQUITTO=${MOSQUITTO:-$(command -v mosquitto || echo /usr/sbin/mosquitto)}
[ -x "$MOSQUITTO" ] || { echo "needs mosquitto (apt-get install mosquitto)"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/tx-throughput.XXXXXX")
broker_pid=
cleanup() {
	[ -n "$broker_pid" ] && kill "$broker_pid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=bench/lib.sh
. bench/lib.sh
private_classpath "$work"
print_machine

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
[ "$port" != 1883 ] || port=$((port + 1))
cat >"$work/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
# the default 1000 silently drops QoS 1 messages for a subscriber that falls behind
max_queued_messages 1000000
max_inflight_messages 0
persistence false
set_tcp_nodelay true
log_dest file $work/mosquitto.log
user $(id -un)
CONF
"$MOSQUITTO" -c "$work/mosquitto.conf" >"$work/mosquitto.out" 2>&1 &
broker_pid=$!
for _ in $(seq 1 50); do
	(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
	sleep 0.1
done
url="tcp://127.0.0.1:$port"
echo "== $("$MOSQUITTO" -h 2>/dev/null | head -1) at $url (pid $broker_pid)"

if [ -n "$REFERENCE_SIZES" ]; then
	echo "== reference: plain Paho publisher, 5 plain Paho subscribers (load average $(cut -d' ' -f1-3 /proc/loadavg))"
	# shellcheck disable=SC2086
	"$JAVA" -cp "$CP" dev.minerfleet.bench.BrokerFanOutReference "$url" "$REFERENCE_SECONDS" $REFERENCE_SIZES \
		| grep "^RESULT" | sed 's/^RESULT /   /' | tee -a "$work/results.txt"
fi

for rate in $RATES; do
	for round in $(seq 1 "$ROUNDS"); do
		echo "== fleet at $rate tx/s, round $round of $ROUNDS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
		log="$work/fleet-$rate-$round.log"
		# shellcheck disable=SC2086
		# the add-opens lets mining reuse a SHA-256 midstate, as the Docker image does (docs/adr/0002)
		if ! "$JAVA" --add-opens=java.base/sun.security.provider=ALL-UNNAMED ${JAVA_OPTS:-} -Dbench.drain="$DRAIN_SECONDS" -Dbench.broker.pid="$broker_pid" -cp "$CP" \
			dev.minerfleet.bench.TransactionThroughputBenchmark "$url" "$rate" "$RUN_SECONDS" "$WARMUP_SECONDS" \
			${MINER_ARGS:-} >"$log" 2>&1; then
			tail -40 "$log"
			exit 1
		fi
		grep -E "^   (t=|tx-)" "$log" | tail -8
		grep "^RESULT" "$log" | sed 's/^RESULT /   /' | tee -a "$work/results.txt"
		grep -E "WARN|ERROR" "$log" | grep -v "TCP_NODELAY" | sort | uniq -c | sort -rn | head -5 || true
	done
done

echo
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== sustained (every transaction on every miner's chain and NEWTRX, rate kept), by offered rate:"
grep "^   fleet" "$work/results.txt" | sed -E 's/.*offered_tps=([0-9]+) generated_tps=([0-9]+) sustained=([a-z]+).*drain_s=([^ ]+).*latency_p50_ms=([0-9]+) latency_p99_ms=([0-9]+).*/   \1 tx\/s offered, \2 generated: sustained=\3 drain \4 s, latency p50 \5 ms p99 \6 ms/'
