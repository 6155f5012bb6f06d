package dev.minerfleet.mining;

import java.util.function.LongSupplier;

/**
 * Recent hash rate from a growing hash count: the rate since a reference sample taken between one
 * and a few seconds ago, so a reading reflects the last few seconds and never a single instant.
 * Thread-safe.
 */
public final class HashRateMeter {

	private static final long MIN_WINDOW_NANOS = 1_000_000_000L;

	private static final long MAX_WINDOW_NANOS = 5_000_000_000L;

	private final LongSupplier hashes;

	private final LongSupplier nanoTime;

	private long referenceTime;

	private long referenceCount;

	private long previousTime;

	private long previousCount;

	private double rate;

	public HashRateMeter(LongSupplier hashes, LongSupplier nanoTime) {
		this.hashes = hashes;
		this.nanoTime = nanoTime;
		this.referenceTime = nanoTime.getAsLong();
		this.referenceCount = hashes.getAsLong();
		this.previousTime = referenceTime;
		this.previousCount = referenceCount;
	}

	/** Hashes per second over the last one to five seconds. */
	public synchronized double rate() {
		long now = nanoTime.getAsLong();
		long count = hashes.getAsLong();
		long elapsed = now - referenceTime;
		if (elapsed >= MIN_WINDOW_NANOS) {
			rate = (count - referenceCount) * 1e9 / elapsed;
		}
		if (elapsed >= MAX_WINDOW_NANOS) {
			// slide: the last reading becomes the reference, if it is old enough to give a window
			boolean previousUsable = now - previousTime >= MIN_WINDOW_NANOS;
			referenceTime = previousUsable ? previousTime : now;
			referenceCount = previousUsable ? previousCount : count;
		}
		previousTime = now;
		previousCount = count;
		return rate;
	}

}
