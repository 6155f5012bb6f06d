#!/usr/bin/env bash
# Proof-of-work loop benchmark: the JMH NonceLoopBenchmark (the real NonceSearch loop, MIDSTATE and PLAIN, 1 and 2
# threads) interleaved with the native reference, OpenSSL's SHA-256 in C (cminer.c), in the same run. The machine is
# shared and noisy: every figure is measured ROUNDS times, rounds alternate Java and C, and the medians are reported.
#
# Usage: bench/pow.sh [path/to/cminer.c]
#   CMINER_SRC   path to cminer.c when not given as argument; without it the native reference is skipped
#   ROUNDS       rounds of (C midstate, Java 1 thread, C plain, Java 2 threads), default 3
#   C_SECONDS    seconds per native run, default 5
#   JAVA         java executable, default java on the PATH
#   MVN_FLAGS    extra Maven flags, e.g. -o to stay offline
# Takes about 4 minutes with the defaults (cminer needs gcc and libssl-dev).
set -euo pipefail

CMINER_SRC=${1:-${CMINER_SRC:-}}
[[ -z "$CMINER_SRC" ]] || CMINER_SRC=$(realpath -m "$CMINER_SRC")
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
C_SECONDS=${C_SECONDS:-5}
JAVA=${JAVA:-java}
OPENS="--add-opens=java.base/sun.security.provider=ALL-UNNAMED"
JMH_FLAGS=(-f 1 -wi 2 -w 2s -i 4 -r 2s -foe true)

work=$(mktemp -d "${TMPDIR:-/tmp}/pow-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# shellcheck source=bench/lib.sh
. bench/lib.sh
private_classpath "$work"

cminer=""
if [[ -z "$CMINER_SRC" ]]; then
	echo "== native reference skipped: pass the path to cminer.c as argument or in CMINER_SRC"
elif [[ ! -f "$CMINER_SRC" ]]; then
	echo "== native reference skipped: $CMINER_SRC not found"
elif ! gcc -O2 -o "$work/cminer" "$CMINER_SRC" -lcrypto -Wno-deprecated-declarations 2>"$work/gcc.log"; then
	echo "== native reference skipped: cannot compile $CMINER_SRC (needs gcc and libssl-dev):"
	sed 's/^/   /' "$work/gcc.log" | head -5
else
	cminer="$work/cminer"
fi

echo "== machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores;" \
	"$("$JAVA" -version 2>&1 | head -1)"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews every figure)"

# native MODE: appends the rate in million hashes/s to $work/MODE.txt
native() {
	[[ -n "$cminer" ]] || return 0
	local rate
	rate=$("$cminer" "$1" "$C_SECONDS" | sed -n 's/.* rate=\([0-9.]*\) H\/s.*/\1/p')
	awk -v r="$rate" 'BEGIN { printf "%.3f\n", r / 1e6 }' >>"$work/$1.txt"
	echo "   C $1: $(tail -1 "$work/$1.txt") M/s"
}

# java METHOD ROUND: runs one JMH method for both strategies, appends each score to $work/METHOD-STRATEGY.txt
java_bench() {
	"$JAVA" "$OPENS" -cp "$CP" org.openjdk.jmh.Main "NonceLoopBenchmark\.$1\$" "${JMH_FLAGS[@]}" \
		-rf csv -rff "$work/$1-$2.csv" >"$work/$1-$2.log" 2>&1 || { tail -20 "$work/$1-$2.log"; exit 1; }
	# "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: strategy"
	tail -n +2 "$work/$1-$2.csv" | tr -d '"\r' | while IFS=, read -r _ _ _ _ score _ _ strategy; do
		echo "$score" >>"$work/$1-$strategy.txt"
		echo "   Java $1 $strategy: $score M/s"
	done
}

for round in $(seq 1 "$ROUNDS"); do
	echo "== round $round of $ROUNDS"
	native sha256d-mid
	java_bench oneThread "$round"
	if [[ -n "$cminer" ]]; then # the ratio within one round, Java and C back to back, shrugs off slow drifts in load
		awk -v j="$(tail -1 "$work/oneThread-MIDSTATE.txt")" -v c="$(tail -1 "$work/sha256d-mid.txt")" \
			'BEGIN { printf "%.3f\n", j / c }' >>"$work/ratio.txt"
	fi
	native sha256d
	java_bench twoThreads "$round"
done

median() {
	[[ -s "$1" ]] || { echo "n/a"; return; }
	sort -g "$1" | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f", m }'
}

echo
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== medians over $ROUNDS rounds, million double hashes per second"
printf '%-36s %8s   %s\n' "loop" "median" "rounds"
row() { printf '%-36s %8s   %s\n' "$1" "$(median "$work/$2.txt")" "$(paste -sd' ' "$work/$2.txt" 2>/dev/null || true)"; }
row "C OpenSSL sha256d-mid, 1 thread" sha256d-mid
row "C OpenSSL sha256d, 1 thread" sha256d
row "Java MIDSTATE, 1 thread" oneThread-MIDSTATE
row "Java PLAIN, 1 thread" oneThread-PLAIN
row "Java MIDSTATE, 2 threads" twoThreads-MIDSTATE
row "Java PLAIN, 2 threads" twoThreads-PLAIN
java_mid=$(median "$work/oneThread-MIDSTATE.txt")
c_mid=$(median "$work/sha256d-mid.txt")
if [[ "$c_mid" != "n/a" ]]; then
	awk -v j="$java_mid" -v c="$c_mid" 'BEGIN { r = j / c; printf "Java MIDSTATE / C sha256d-mid, ratio of medians: %.2f (target 0.85: %s)\n", r, (r >= 0.85) ? "met" : "MISSED" }'
	echo "Java MIDSTATE / C sha256d-mid, median of per-round ratios: $(median "$work/ratio.txt") ($(paste -sd' ' "$work/ratio.txt"))"
fi
