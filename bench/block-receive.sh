#!/usr/bin/env bash
# One receiving miner's own work on a compact block it can rebuild from its mempool, stage by stage (decoding the
# message, rebuilding, the chain: validation, storing, the mempool), for blocks of 200, 1,000 and 4,000 transactions,
# on one thread, without broker or other miners; the same block every round, so after the first a round finds its
# merkle root checked, as every receiver of a local fleet but the first. See BlockReceiveBenchmark
# (src/test/java/dev/minerfleet/bench) and docs/benchmarks.md ("Block propagation", round 12).
#
# Usage: bench/block-receive.sh
#   ROUNDS    measured rounds per size, after 30 of warm-up, default 40
#   SIZES     comma-separated transactions a block (the coinbase comes on top), default 200,1000,4000
#   JAVA      java executable, default java on the PATH; JAVA_OPTS extra JVM flags
#   MVN_FLAGS extra Maven flags, e.g. -o to stay offline
# Takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-40}
JAVA=${JAVA:-java}
# shellcheck source=bench/lib.sh
. bench/lib.sh
start_bench block-receive

# shellcheck disable=SC2086
"$JAVA" ${JAVA_OPTS:-} -cp "$CP" dev.minerfleet.bench.BlockReceiveBenchmark "$ROUNDS" "${SIZES:-200,1000,4000}" \
	| tee "$work/out.log" | grep '^=='
echo
echo "| transactions | compact message bytes | decode µs | rebuild µs | chain µs | total µs | µs a transaction |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
grep '^RESULT' "$work/out.log" | sed 's/^RESULT //' | awk '{
	for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	printf "| %s | %s | %s | %s | %s | %s | %s |\n", v["transactions"], v["bytes"], v["decodeMicros"],
		v["rebuildMicros"], v["chainMicros"], v["totalMicros"], v["microsPerTransaction"]
}'
