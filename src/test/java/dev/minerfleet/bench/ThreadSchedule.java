package dev.minerfleet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
record ThreadSchedule(long wallNanos, Map<String, Task> tasks) {

	private static final Path TASKS = Path.of("/proc/self/task");

	/**
	 * One thread.
	 * @param group its kernel name, digits folded
	 * @param counts {voluntary switches, involuntary switches, ns on a core, ns waiting for one}
	 */
	record Task(String group, long[] counts) {
	}

	/** Samples now; empty where /proc is not there to read. */
	static ThreadSchedule take() {
		Map<String, Task> tasks = new HashMap<>();
		try (DirectoryStream<Path> all = Files.newDirectoryStream(TASKS)) {
			for (Path task : all) {
				Task one = read(task);
				if (one != null) {
					tasks.put(task.getFileName().toString(), one);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux: an empty sample
		}
		return new ThreadSchedule(System.nanoTime(), tasks);
	}

	/** The thread at {@code task}, or null if it ended while being read. */
	private static Task read(Path task) {
		try {
			// the kernel cuts a name at 15 bytes, maybe within a character: read bytes as bytes
			String name = new String(Files.readAllBytes(task.resolve("comm")), StandardCharsets.ISO_8859_1).strip();
			long voluntary = -1;
			long involuntary = -1;
			for (String line : Files.readAllLines(task.resolve("status"), StandardCharsets.ISO_8859_1)) {
				if (line.startsWith("voluntary_ctxt_switches:")) {
					voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
				}
				else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
					involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
				}
			}
			String[] sched = Files.readString(task.resolve("schedstat"), StandardCharsets.ISO_8859_1).strip()
				.split(" ");
			return (voluntary < 0 || involuntary < 0) ? null
					: new Task(name.replaceAll("\\d+", "N"), new long[] { voluntary, involuntary,
							Long.parseLong(sched[0]), Long.parseLong(sched[1]) });
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The groups that switched most often between this sample and {@code later}, at most {@code limit}: wake-ups a
	 * second, preemptions a second, cores running, threads waiting for a core on average, over the threads alive at
	 * {@code later}.
	 */
	String until(ThreadSchedule later, int limit) {
		if (tasks.isEmpty()) {
			return "no /proc/self/task here";
		}
		double seconds = (later.wallNanos - wallNanos) / 1e9;
		// per thread, then by group: a thread that ended in between is left out, one that started counts from zero
		Map<String, long[]> groups = new HashMap<>();
		later.tasks.forEach((tid, after) -> {
			Task before = tasks.get(tid);
			long[] delta = groups.computeIfAbsent(after.group(), k -> new long[5]);
			for (int i = 0; i < 4; i++) {
				delta[i] += after.counts()[i] - ((before == null) ? 0 : before.counts()[i]);
			}
			delta[4]++;
		});
		List<Map.Entry<String, long[]>> deltas = new ArrayList<>(groups.entrySet());
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
