#!/usr/bin/env bash
# Decoding a NEWTRX message as a miner does (token by token, the JSON tree only when that gives up) and, in the same
# run, by the JSON tree alone, as before, for batches of 1 to 1,000 transactions. See NewTrxDecodeBenchmark
# (src/test/java/dev/minerfleet/bench) and docs/benchmarks.md ("Transaction throughput").
#
# Usage: bench/newtrx-decode.sh
#   ROUNDS    rounds per batch size, each timing both, default 15
#   JAVA      java executable, default java on the PATH; JAVA_OPTS extra JVM flags
#   MVN_FLAGS extra Maven flags, e.g. -o to stay offline
# Takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-15}
JAVA=${JAVA:-java}
# shellcheck source=bench/lib.sh
. bench/lib.sh
start_bench newtrx-decode

# shellcheck disable=SC2086
"$JAVA" ${JAVA_OPTS:-} -cp "$CP" dev.minerfleet.bench.NewTrxDecodeBenchmark "$ROUNDS" | tee "$work/out.log" | grep '^=='
echo
echo "| transactions a message | bytes | tree, µs | tokens, µs | tree, µs a tx | tokens, µs a tx | ratio |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
grep '^RESULT' "$work/out.log" | sed 's/^RESULT //' | awk '{
	for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	printf "| %s | %s | %s | %s | %s | %s | %s |\n", v["transactions"], v["bytes"], v["treeMicros"], v["fastMicros"],
		v["treeMicrosPerTx"], v["fastMicrosPerTx"], v["speedup"]
}'
