# Shared by the bench scripts: source it from the repository's root.

# The usual start of a bench that runs a class of the test tree: sets work to a fresh temporary directory named after
# $1, removed when the script exits, builds the private classpath CP in it and prints the machine.
start_bench() {
	work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
	trap 'rm -rf "$work"' EXIT
	private_classpath "$work"
	print_machine
}

# Compiles the test classes and sets CP to a private copy of them, of the main classes and of the test-scope
# dependencies, under the directory $1: a build running meanwhile (mvn clean) cannot pull classes from under a
# benchmark. MVN_FLAGS: extra Maven flags, e.g. -o.
private_classpath() {
	local work=$1
	echo "== building test classes and classpath"
	./mvnw -q -B ${MVN_FLAGS:-} test-compile
	./mvnw -q -B ${MVN_FLAGS:-} dependency:build-classpath -Dmdep.outputFile="$work/classpath" -Dmdep.includeScope=test
	cp -r target/classes "$work/classes"
	cp -r target/test-classes "$work/test-classes"
	CP="$work/test-classes:$work/classes:$(cat "$work/classpath")"
}

# Prints the CPU, the cores, the JVM ($JAVA, default java) and the load average: every figure depends on them.
print_machine() {
	echo "== machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores;" \
		"$("${JAVA:-java}" -version 2>&1 | head -1)"
	echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews every figure)"
}

# Starts the local fleet, `java -jar $JAR --miners=$N` on the embedded broker with $FIRST_PORT, $BROKER_PORT, $JAVA_OPTS
# and the further arguments given, its output in $log; sets pid and a trap that stops the fleet when the script exits;
# returns once every miner is up, or exits when the fleet dies first.
start_fleet() {
	# shellcheck disable=SC2086
	java ${JAVA_OPTS:-} -jar "$JAR" --miners="$N" --first-port="$FIRST_PORT" --broker-port="$BROKER_PORT" "$@" \
		> "$log" 2>&1 &
	pid=$!
	trap 'kill -TERM $pid 2>/dev/null || true' EXIT
	until grep -q "Ctrl-C stops everything" "$log"; do
		kill -0 "$pid" 2>/dev/null || { echo "fleet died:"; tail -30 "$log"; exit 1; }
		sleep 1
	done
}

# The HTTP port of each miner of the fleet started by start_fleet, as the fleet chose it: a port still held (in
# TIME_WAIT after an earlier run) is skipped, so they need not be consecutive.
fleet_ports() {
	grep -o 'Starting miner-[0-9]* on port [0-9]*' "$log" | awk '{print $NF}'
}

# Those miners' base URLs, comma-separated, as `java -jar minerfleet.jar check --urls=` takes them.
fleet_urls() {
	fleet_ports | sed 's|^|http://localhost:|' | paste -sd ,
}
