package dev.minerfleet.mining;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A cap on the hashes per second of one miner, shared by all its mining threads, so a fleet on two cores can hold
 * one large miner and many small ones with known shares of the hash power.
 *
 * <p>
 * Each thread asks before every batch of the nonce loop ({@link NonceSearch#BATCH} hashes). Batches are spaced
 * {@code batch / rate} seconds apart: a thread whose batch may start claims it and goes on; otherwise it parks until
 * then and asks again. Nothing is claimed while waiting, so a search cancelled in its wait (a new tip) leaves the
 * budget to the search on the new tip; reserving before waiting, as this class once did, lost a batch at every tip
 * change (docs/benchmarks.md, Block propagation, round 10). The schedule never starts in the past, so idle time (a
 * pause, a slow template) earns no credit for a later burst: over any run, the hashes started are at most
 * {@code rate * elapsed} plus one batch; a thread that wakes late (the park's overshoot, tens of microseconds) does
 * not make it up.
 *
 * <p>
 * A thread asks its {@link Cancellation} whenever it wakes, and otherwise sleeps until its batch is due, in parks of
 * at most {@link #MAX_PARK_NANOS}: whoever cancels a throttled search unparks its thread ({@link MiningCoordinator}
 * does whenever its searches go stale), so a new tip stops it as promptly as a free one without the thread waking
 * to look. Threads sharing a limit that wait for the same batch all wake when it is due; one claims it and the others
 * park again.
 *
 * <p>
 * {@link #unlimited()} is never asked: {@link NonceSearch} skips it, so an uncapped miner pays nothing. Thread-safe.
 */
public final class HashRateLimit {

	/** The longest a throttled thread parks, unless unparked, before it looks at its cancellation again. */
	static final long MAX_PARK_NANOS = 60_000_000_000L;

	private static final HashRateLimit UNLIMITED = new HashRateLimit(0, System::nanoTime, LockSupport::parkNanos);

	private final long hashesPerSecond;

	private final LongSupplier nanoTime;

	private final Parker parker;

	/** When the next batch may start, on the {@code nanoTime} scale; guarded by this. */
	private long nextSlot;

	private boolean started;

	private HashRateLimit(long hashesPerSecond, LongSupplier nanoTime, Parker parker) {
		if (hashesPerSecond < 0) {
			throw new IllegalArgumentException("hashes per second must not be negative, got " + hashesPerSecond);
		}
		this.hashesPerSecond = hashesPerSecond;
		this.nanoTime = nanoTime;
		this.parker = parker;
	}

	/** No cap. */
	public static HashRateLimit unlimited() {
		return UNLIMITED;
	}

	/** At most {@code hashesPerSecond} over all threads sharing this limit; 0 is {@link #unlimited()}. */
	public static HashRateLimit of(long hashesPerSecond) {
		return (hashesPerSecond == 0) ? UNLIMITED
				: new HashRateLimit(hashesPerSecond, System::nanoTime, LockSupport::parkNanos);
	}

	/** A limit reading the time from {@code nanoTime} and parking through {@code parker}, for tests. */
	static HashRateLimit of(long hashesPerSecond, LongSupplier nanoTime, Parker parker) {
		return new HashRateLimit(hashesPerSecond, nanoTime, parker);
	}

	public boolean isUnlimited() {
		return hashesPerSecond == 0;
	}

	/** The cap in hashes per second, 0 when unlimited. */
	public long hashesPerSecond() {
		return hashesPerSecond;
	}

	/**
	 * Waits until {@code hashes} more may be computed without exceeding the cap. Unpark the calling thread after
	 * cancelling, or it notices only when its slot comes or after {@link #MAX_PARK_NANOS}.
	 * @return false when the cancellation said stop while waiting: the hashes must not be computed
	 */
	public boolean acquire(int hashes, Cancellation cancellation) {
		if (isUnlimited()) {
			return true;
		}
		while (true) {
			long wait = claim(hashes);
			if (wait <= 0) {
				return true;
			}
			parker.park(Math.min(wait, MAX_PARK_NANOS));
			if (cancellation.isCancelled()) {
				return false;
			}
		}
	}

	/**
	 * Claims the next batch of {@code hashes} when its time has come, returning 0; otherwise claims nothing and
	 * returns the nanoseconds until then.
	 */
	private synchronized long claim(int hashes) {
		long now = nanoTime.getAsLong();
		// overflow-safe comparison: another batch's time has not come yet
		if (started && nextSlot - now > 0) {
			return nextSlot - now;
		}
		started = true;
		// the batch starts now, never earlier; rounded up, so rounding never lets the miner run faster than the cap
		nextSlot = now + (hashes * 1_000_000_000L + hashesPerSecond - 1) / hashesPerSecond;
		return 0;
	}

	@Override
	public String toString() {
		return isUnlimited() ? "unlimited" : String.format("%,d hashes/s", hashesPerSecond);
	}

	/** Parks the calling thread for up to the given nanoseconds; {@link LockSupport#parkNanos(long)}. */
	@FunctionalInterface
	interface Parker {

		void park(long nanos);

	}

}
