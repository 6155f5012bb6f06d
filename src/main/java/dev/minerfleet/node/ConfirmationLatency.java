package dev.minerfleet.node;

import java.time.Duration;
import java.util.Arrays;

/**
 * Transaction confirmation latencies for GET /status: count, mean and maximum over every confirmation since start,
 * median and 99th percentile over the most recent {@value #RECENT} (exact, nearest rank). Metrics keep the full
 * histogram. Thread-safe.
 */
public final class ConfirmationLatency {

	/** Latencies the percentiles are taken over. */
	static final int RECENT = 4096;

	private final long[] recent = new long[RECENT];

	private long count;

	private long totalMillis;

	private long maxMillis;

	synchronized void record(Duration latency) {
		long millis = Math.max(0, latency.toMillis());
		recent[(int) (count % RECENT)] = millis;
		count++;
		totalMillis += millis;
		maxMillis = Math.max(maxMillis, millis);
	}

	/** The latencies so far; all zero before the first confirmation. */
	public Summary summary() {
		long[] sorted;
		long n;
		long total;
		long max;
		synchronized (this) {
			n = count;
			total = totalMillis;
			max = maxMillis;
			sorted = Arrays.copyOf(recent, (int) Math.min(n, RECENT));
		}
		if (n == 0) {
			return new Summary(0, 0, 0, 0, 0);
		}
		Arrays.sort(sorted);
		return new Summary(n, (double) total / n, percentile(sorted, 50), percentile(sorted, 99), max);
	}

	/** Nearest rank: the smallest latency that at least {@code p} percent of the sorted ones do not exceed. */
	private static long percentile(long[] sorted, int p) {
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, rank - 1)];
	}

	/**
	 * @param count transactions confirmed since start
	 * @param meanMillis mean latency since start
	 * @param p50Millis median of the most recent latencies
	 * @param p99Millis 99th percentile of the most recent latencies
	 * @param maxMillis longest latency since start
	 */
	public record Summary(long count, double meanMillis, long p50Millis, long p99Millis, long maxMillis) {
	}

}
