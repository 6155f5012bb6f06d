package dev.minerfleet.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The calling thread's time on a core ({@link ThreadMXBean#getCurrentThreadCpuTime()}) and in a run queue waiting for
 * one (Linux's {@code /proc/thread-self/schedstat}, second field, brought up to date whenever the thread gets a core,
 * so exact for a running thread), so a stretch of wall time splits into running, waiting for a core, and neither
 * (blocked, parked, in a collector pause).
 */
final class SchedStat {

	private static final Path FILE = Path.of("/proc/thread-self/schedstat");

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static volatile boolean available = Files.isReadable(FILE) && THREADS.isCurrentThreadCpuTimeSupported()
			&& THREADS.isThreadCpuTimeEnabled();

	private SchedStat() {
	}

	/** {ns on a core, ns waiting for one} of the calling thread, or null where the kernel does not tell. */
	static long[] read() {
		if (!available) {
			return null;
		}
		try {
			String[] fields = new String(Files.readAllBytes(FILE), StandardCharsets.US_ASCII).trim().split(" ");
			return new long[] { THREADS.getCurrentThreadCpuTime(), Long.parseLong(fields[1]) };
		}
		catch (IOException | RuntimeException ex) {
			available = false;
			return null;
		}
	}

}
