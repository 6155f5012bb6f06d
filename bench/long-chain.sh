#!/usr/bin/env bash
# Long chains: for each chain length, one fresh JVM runs LongChainBenchmark (src/test/java/dev/minerfleet/bench): it
# builds a valid chain at a very easy target (4 leading zero bits, no retargeting) into a block log, starts a real
# miner on it (mining and genTRX off) and records its start-up, its heap after a full GC, GET /chain page latency at
# the start, middle and end of the chain, and the catch-up sync of the whole chain by a second miner with an empty
# data directory on the same (embedded Moquette) broker, both miners in that JVM.
#
# Usage: bench/long-chain.sh [blocks ...]         default: 1000 10000 100000
#   TRANSACTIONS  transactions a block besides the coinbase, default 4
#   FSYNC         storage.fsync of both miners, default false (true costs ~1.6 ms a block while syncing, ADR 0004)
#   REQUESTS      timed GET /chain requests (limit=100) at each place (requests rotate over the three places), after 50 untimed rounds, default 200
#   MINER_ARGS    extra settings for both miners, e.g. "--sync.request-interval=0ms --sync.max-requests-per-second=1000"
#                 (the defaults, 500 blocks a request and 250 ms between requests, cap sync at 2,000 blocks/s)
#   HISTOGRAM     true: print the 20 classes holding most heap with the first miner loaded (jcmd GC.class_histogram)
#   JAVA          java executable, default java on the PATH; JAVA_OPTS extra JVM flags (default: none, no heap limit)
#   MVN_FLAGS     extra Maven flags, e.g. -o to stay offline
# Memory a block: (heap of the longest chain - heap of the shortest) / (difference in blocks), printed at the end.
# Takes about 3 minutes with the defaults, most of it the 100,000-block sync (2,000 blocks/s by the sync settings).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(1000 10000 100000)
TRANSACTIONS=${TRANSACTIONS:-4}
FSYNC=${FSYNC:-false}
REQUESTS=${REQUESTS:-200}
JAVA=${JAVA:-java}

# shellcheck source=bench/lib.sh
. bench/lib.sh
start_bench long-chain

for n in "${SIZES[@]}"; do
	echo "== $n blocks of $TRANSACTIONS transactions, storage.fsync=$FSYNC ${MINER_ARGS:-}"
	# shellcheck disable=SC2086
	"$JAVA" ${JAVA_OPTS:-} --add-opens=java.base/sun.security.provider=ALL-UNNAMED -Dbench.requests="$REQUESTS" \
		-Dbench.histogram="${HISTOGRAM:-false}" \
		-cp "$CP" dev.minerfleet.bench.LongChainBenchmark "$n" "$TRANSACTIONS" "$FSYNC" ${MINER_ARGS:-} >"$work/$n.log" 2>&1 \
		|| { tail -30 "$work/$n.log"; exit 1; }
	grep -E "^   |^built|Loaded [0-9]+ blocks from .*/a |^RESULT" "$work/$n.log" \
		| sed -e 's/^.*dev.minerfleet.node.Archiving *: /   /' -e 's/^RESULT /   /' -e 's/^built/   built/'
	grep "^RESULT" "$work/$n.log" >>"$work/results"
done

echo
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
echo "== summary"
printf '%9s %12s %12s %14s %14s %14s %12s %12s\n' blocks "ready s" "heap MiB" "page p50 ms" "page p99 ms" \
	"sync s" "blocks/s" "us/block"
for n in "${SIZES[@]}"; do
	r=$(grep " blocks=$n " "$work/results")
	pages=$(grep "^RESULT page" <<<"$r")
	printf '%9s %12s %12s %14s %14s %14s %12s %12s\n' "$n" \
		"$(grep startup <<<"$r" | field context_ready_s)" "$(grep heap <<<"$r" | field used_after_gc_mib)" \
		"$(field median_ms <<<"$pages" | paste -sd/)" "$(field p99_ms <<<"$pages" | paste -sd/)" \
		"$(grep sync <<<"$r" | field sync_only_s)" "$(grep sync <<<"$r" | field blocks_per_s)" \
		"$(grep sync <<<"$r" | field us_per_block)"
done
echo "   (page figures: start/middle/end of the chain; sync s: from the second miner's context being ready to equal tips)"
if [[ ${#SIZES[@]} -ge 2 ]]; then
	small=${SIZES[0]} big=${SIZES[-1]}
	hs=$(grep "heap blocks=$small " "$work/results" | field used_after_gc_mib)
	hb=$(grep "heap blocks=$big " "$work/results" | field used_after_gc_mib)
	awk -v hs="$hs" -v hb="$hb" -v s="$small" -v b="$big" \
		'BEGIN { printf "memory a block: (%.1f - %.1f) MiB / %d blocks = %.0f bytes\n", hb, hs, b - s, (hb - hs) * 1048576 / (b - s) }'
fi
