# Shared by the bench scripts: source it from the repository's root.

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
