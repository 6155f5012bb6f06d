#!/usr/bin/env bash
# The mempool's share of a transaction's arrival in a local fleet: each transaction offered to POOLS mempools of about
# POOLED transactions (as NEWTRX reaches every miner of a one-JVM fleet), and blocks of POOLED leaving every pool;
# nanoseconds a transaction and a pool, medians. See MempoolBenchmark (src/test/java/dev/minerfleet/bench) and
# docs/benchmarks.md ("Block propagation", round 5).
#
# Usage: bench/mempool.sh
#   ROUNDS    rounds, default 15
#   POOLS     mempools, default 30
#   POOLED    transactions a pool holds, default 2000
#   JAVA      java executable, default java on the PATH; JAVA_OPTS extra JVM flags
#   MVN_FLAGS extra Maven flags, e.g. -o to stay offline
# Takes about half a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-15}
POOLS=${POOLS:-30}
POOLED=${POOLED:-2000}
JAVA=${JAVA:-java}
# shellcheck source=bench/lib.sh
. bench/lib.sh
start_bench mempool

# shellcheck disable=SC2086
"$JAVA" ${JAVA_OPTS:-} -cp "$CP" dev.minerfleet.bench.MempoolBenchmark "$ROUNDS" "$POOLS" "$POOLED" | grep -E '^(==|RESULT)'
