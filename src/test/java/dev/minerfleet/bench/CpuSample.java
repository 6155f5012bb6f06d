package dev.minerfleet.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.sun.management.OperatingSystemMXBean;

/**
 * The CPU time spent so far by this JVM (the whole process, GC and JIT included), by each group of its threads (names
 * with digits and ids folded, so the 30 "MQTT Call: miner-N" threads of a fleet are one group), and by another
 * process, such as the broker (from /proc, Linux only; {@code bench.broker.pid}). Two samples give the cores each used
 * in between.
 */
record CpuSample(long wallNanos, long processNanos, Map<String, Long> threadNanos, long otherNanos) {

	/** Samples now; {@code otherPid}'s time is -1 when absent or unreadable. */
	static CpuSample take(Optional<Long> otherPid) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<String, Long> cpu = new HashMap<>();
		for (long id : threads.getAllThreadIds()) {
			long nanos = threads.getThreadCpuTime(id);
			ThreadInfo info = threads.getThreadInfo(id);
			if (nanos >= 0 && info != null) {
				cpu.merge(group(info.getThreadName()), nanos, Long::sum);
			}
		}
		long process = (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os)
				? os.getProcessCpuTime() : -1;
		return new CpuSample(System.nanoTime(), process, cpu, otherPid.map(CpuSample::processCpuNanos).orElse(-1L));
	}

	/** The broker's pid as the bench scripts pass it ({@code -Dbench.broker.pid}), if they do. */
	static Optional<Long> brokerPid() {
		return Optional.ofNullable(Long.getLong("bench.broker.pid"));
	}

	private static String group(String name) {
		return name.replaceAll("[0-9a-f]{6,}", "*").replaceAll("[0-9]+", "N");
	}

	/**
	 * One line from this sample to {@code later}: {@code wall_s=60.0 process_cores=0.96 broker_cores=0.18 threads
	 * (cores): [MQTT Call: miner-N]=0.314 ...}, the {@code limit} busiest groups.
	 */
	String coresUntil(CpuSample later, int limit) {
		double wall = later.wallNanos - wallNanos;
		StringBuilder line = new StringBuilder(String.format("wall_s=%.1f process_cores=%.2f broker_cores=%s"
				+ " threads (cores):", wall / 1e9, (later.processNanos - processNanos) / wall,
				(otherNanos < 0 || later.otherNanos < 0) ? "?"
						: String.format("%.2f", (later.otherNanos - otherNanos) / wall)));
		later.threadNanos.entrySet()
			.stream()
			.map(e -> Map.entry(e.getKey(), e.getValue() - threadNanos.getOrDefault(e.getKey(), 0L)))
			.filter(e -> e.getValue() > 0)
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(limit)
			.forEach(e -> line.append(String.format(" [%s]=%.3f", e.getKey(), e.getValue() / wall)));
		return line.toString();
	}

	/** User plus system CPU time of a process, from /proc (Linux); clock ticks taken as 10 ms; -1 if unreadable. */
	private static long processCpuNanos(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}
