#!/usr/bin/env bash
# Block propagation: from the moment a miner finds a block to the moment every other miner has accepted it, p50 and
# p99, for local fleets of several sizes on a real Mosquitto, with compact blocks (the default) and with whole blocks;
# beside each, in the same run, the raw publish-to-receive latency of the same broker (a plain Paho publisher and one
# plain Paho subscriber per other miner, payloads of the median block message's size), measured twice: while the
# fleet mines its measured blocks (the same machine load) and after it has stopped (an idle machine); and the time the
# block rules take for the median block; and the cores the fleet's thread groups and the broker used over the measured
# blocks. See PropagationBenchmark (src/test/java/dev/minerfleet/bench) and docs/benchmarks.md.
#
# Usage: bench/propagation.sh
#   SIZES     fleet sizes, default 3,10,30
#   BLOCKS    blocks measured per fleet and mode (after 15 of warm-up), default 40; the warm-up lasts until the JIT
#             compilers are quiet (under 100 ms of compilation in 10 s), at most 5 minutes;
#             JAVA_OPTS=-Dbench.quiet-max-seconds=N sets that limit, 0 measures right after the 15 blocks
#   INTERVAL  seconds between blocks over the whole fleet (mining.max-hash-rate caps each miner), default 1.0
#   TPS       transactions generated a second over the whole fleet, default 200
#   MODES     block forms to run, default compact,whole
#   JAVA      java executable, default java on the PATH; JAVA_OPTS extra JVM flags
#   MVN_FLAGS extra Maven flags, e.g. -o to stay offline
#   BROKER_SESSION  own (default): the broker runs in a session of its own (setsid), so with the kernel's autogroup
#             scheduling it gets a share of the cores equal to the whole fleet JVM's, as a broker in a container of its
#             own does; shared: in this script's session, one thread among the fleet's many
# Needs mosquitto (Debian package mosquitto; /usr/sbin/mosquitto). Takes about 3 minutes a fleet size with the defaults
# (5 to 8 with BLOCKS=100).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-3,10,30}
BLOCKS=${BLOCKS:-40}
INTERVAL=${INTERVAL:-1.0}
TPS=${TPS:-200}
MODES=${MODES:-compact,whole}
JAVA=${JAVA:-java}
BROKER_SESSION=${BROKER_SESSION:-own}
case "$BROKER_SESSION" in
own) launch=(setsid) ;;
shared) launch=() ;;
*) echo "BROKER_SESSION must be own or shared, not $BROKER_SESSION" >&2; exit 1 ;;
esac
MOSQUITTO=$(command -v mosquitto || echo /usr/sbin/mosquitto)
[ -x "$MOSQUITTO" ] || { echo "bench/propagation.sh needs mosquitto: apt-get install mosquitto" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/propagation.XXXXXX")
broker_pid=""
cleanup() { [ -n "$broker_pid" ] && kill "$broker_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# shellcheck source=bench/lib.sh
. bench/lib.sh
private_classpath "$work"
print_machine

# a free port: bind port 0 and read what the kernel gave
cat >"$work/FreePort.java" <<'JAVA'
public class FreePort {
	public static void main(String[] args) throws Exception {
		try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			System.out.println(socket.getLocalPort());
		}
	}
}
JAVA
port=$("$JAVA" "$work/FreePort.java")
# set_tcp_nodelay: without it Mosquitto holds a small block message behind the NEWTRX traffic it has in flight to a
# miner (Nagle), 1 to 3 ms a block; every other broker config of the project sets it
printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_inflight_messages 0\nmax_queued_messages 0\nset_tcp_nodelay true\n' "$port" \
	>"$work/mosquitto.conf"
# without job control a background child is no group leader, so setsid makes the session in place: $! is the broker
"${launch[@]}" "$MOSQUITTO" -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 &
broker_pid=$!
for _ in $(seq 50); do
	(echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
	sleep 0.1
done
echo "== mosquitto $("$MOSQUITTO" -h 2>/dev/null | head -1 | awk '{print $3}') on 127.0.0.1:$port, session $BROKER_SESSION" \
	"($(cat "/proc/$broker_pid/autogroup" 2>/dev/null || echo "no autogroup"))"

"$JAVA" ${JAVA_OPTS:-} -Dbench.broker.pid="$broker_pid" -cp "$CP" dev.minerfleet.bench.PropagationBenchmark \
	"tcp://127.0.0.1:$port" "$SIZES" "$BLOCKS" "$INTERVAL" "$TPS" "$MODES" 2>"$work/stderr.log" \
	| tee "$work/out.log" | grep -E '^(==|RESULT)' || {
	tail -40 "$work/stderr.log"
	exit 1
}
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Raw broker after the fleet stopped (idle machine) and beside the running fleet; target = 3 x raw p99 + validation."
echo
echo "| miners | blocks | tx/block | bytes/block | p50 ms | p99 ms | validation ms | raw p50 / p99 ms, idle | target, idle | raw p50 / p99 ms, beside | target, beside | with a GC pause | p99 of the others ms |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
grep '^RESULT' "$work/out.log" | sed 's/^RESULT //' | awk '{
	for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	printf "| %s (%s) | %s of %s | %s | %s | %s | %s | %s | %s / %s | %s | %s / %s | %s | %s | %s |\n", v["miners"], v["mode"],
		v["complete"], v["blocks"], v["txPerBlock"], v["bytes"], v["p50"], v["p99"], v["validation"], v["rawP50"],
		v["rawP99"], v["target"], v["besideP50"], v["besideP99"], v["besideTarget"], v["withGcPause"], v["p99NoGcPause"]
}'
