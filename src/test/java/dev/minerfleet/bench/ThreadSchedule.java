package dev.minerfleet.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the kernel's scheduler did with each thread of this JVM so far (Linux, {@code /proc/self/task}): how often it
 * gave up its core (voluntary context switches: it waited for a message, a lock or a timer, so each is a wake-up to
 * come), how often it was preempted, nanoseconds on a core and nanoseconds runnable but waiting for one. Threads are
 * grouped by their kernel name with digits folded ("MQTT Call: mine" for the 30 delivery threads of a fleet; the kernel
 * keeps 15 characters of a name). Two samples give the rates in between: waiting nanoseconds a second are the number
 * of that group's threads queueing for a core on average.
 */
record ThreadSchedule(long wallNanos, Map<String, long[]> groups) {

	private static final Path TASKS = Path.of("/proc/self/task");

	/** Samples now; empty where /proc is not there to read. */
	static ThreadSchedule take() {
		Map<String, long[]> groups = new HashMap<>();
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
			for (Path task : tasks) {
				long[] one = read(task);
				if (one != null) {
					String name = Files.readString(task.resolve("comm")).strip().replaceAll("\\d+", "N");
					groups.merge(name, one, (a, b) -> new long[] { a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3],
							a[4] + b[4] });
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux, or a thread ended while being read; the sample is what was read
		}
		return new ThreadSchedule(System.nanoTime(), groups);
	}

	/** {voluntary switches, involuntary switches, ns on a core, ns waiting for one, 1}, or null if it ended. */
	private static long[] read(Path task) {
		try {
			long voluntary = -1;
			long involuntary = -1;
			for (String line : Files.readAllLines(task.resolve("status"))) {
				if (line.startsWith("voluntary_ctxt_switches:")) {
					voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
				}
				else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
					involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
				}
			}
			String[] sched = Files.readString(task.resolve("schedstat")).strip().split(" ");
			return (voluntary < 0 || involuntary < 0) ? null
					: new long[] { voluntary, involuntary, Long.parseLong(sched[0]), Long.parseLong(sched[1]), 1 };
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The groups that switched most often between this sample and {@code later}, at most {@code limit}: wake-ups a
	 * second, preemptions a second, cores running, threads waiting for a core on average. Threads that started or
	 * ended in between count with what the later sample holds.
	 */
	String until(ThreadSchedule later, int limit) {
		if (groups.isEmpty()) {
			return "no /proc/self/task here";
		}
		double seconds = (later.wallNanos - wallNanos) / 1e9;
		List<Map.Entry<String, long[]>> deltas = new ArrayList<>();
		long[] zero = new long[5];
		later.groups.forEach((name, after) -> {
			long[] before = groups.getOrDefault(name, zero);
			long[] delta = new long[5];
			for (int i = 0; i < 4; i++) {
				delta[i] = Math.max(0, after[i] - before[i]);
			}
			delta[4] = after[4];
			deltas.add(Map.entry(name, delta));
		});
		deltas.sort((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]));
		StringBuilder out = new StringBuilder(String.format("wall_s=%.1f; group (threads): wake-ups/s, preemptions/s, "
				+ "cores running, threads waiting for a core:", seconds));
		long[] total = new long[4];
		for (Map.Entry<String, long[]> entry : deltas) {
			long[] d = entry.getValue();
			for (int i = 0; i < 4; i++) {
				total[i] += d[i];
			}
		}
		for (Map.Entry<String, long[]> entry : deltas.subList(0, Math.min(limit, deltas.size()))) {
			long[] d = entry.getValue();
			out.append(String.format(" [%s] (%d) %.0f, %.0f, %.3f, %.3f;", entry.getKey(), d[4], d[0] / seconds,
					d[1] / seconds, d[2] / seconds / 1e9, d[3] / seconds / 1e9));
		}
		out.append(String.format(" all threads %.0f, %.0f, %.3f, %.3f", total[0] / seconds, total[1] / seconds,
				total[2] / seconds / 1e9, total[3] / seconds / 1e9));
		return out.toString();
	}

}
