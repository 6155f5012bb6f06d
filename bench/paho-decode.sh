#!/usr/bin/env bash
# Paho's decoding of a received PUBLISH, with this project's CountingInputStream (payloads read in bulk) and, in the
# same run, with Paho's own (a byte at a time), loaded from Paho's jar by a class loader of its own. See
# PahoDecodeBenchmark (src/test/java/dev/minerfleet/bench) and docs/benchmarks.md.
#
# Usage: bench/paho-decode.sh
#   ROUNDS    rounds per payload size, each timing both, default 15
#   JAVA      java executable, default java on the PATH; JAVA_OPTS extra JVM flags
#   MVN_FLAGS extra Maven flags, e.g. -o to stay offline
# Takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-15}
JAVA=${JAVA:-java}
# shellcheck source=bench/lib.sh
. bench/lib.sh
start_bench paho-decode

# shellcheck disable=SC2086
"$JAVA" ${JAVA_OPTS:-} -cp "$CP" dev.minerfleet.bench.PahoDecodeBenchmark "$ROUNDS" | tee "$work/out.log" | grep '^=='
echo
echo "| payload bytes | Paho's own, µs | bulk, µs | Paho's own, ns a byte | bulk, ns a byte | ratio |"
echo "|---:|---:|---:|---:|---:|---:|"
grep '^RESULT' "$work/out.log" | sed 's/^RESULT //' | awk '{
	for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	printf "| %s | %s | %s | %s | %s | %s |\n", v["bytes"], v["pahoMicros"], v["bulkMicros"], v["pahoNsPerByte"],
		v["bulkNsPerByte"], v["speedup"]
}'
