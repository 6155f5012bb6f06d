package dev.minerfleet.node;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code events} events in any {@code window}: a sliding window over the times of the last events. Not
 * thread-safe.
 */
final class RateLimit {

	private final int events;

	private final long windowMillis;

	private final InstantSource clock;

	private final Deque<Long> times = new ArrayDeque<>();

	RateLimit(int events, Duration window, InstantSource clock) {
		if (events < 1 || window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("a rate limit allows at least one event in a positive window");
		}
		this.events = events;
		this.windowMillis = window.toMillis();
		this.clock = clock;
	}

	/** Counts an event now if the limit allows one. */
	boolean tryAcquire() {
		long now = clock.millis();
		forgetBefore(now);
		if (times.size() >= events) {
			return false;
		}
		times.addLast(now);
		return true;
	}

	/** How long until the limit allows an event: zero when it does now. */
	Duration waitTime() {
		long now = clock.millis();
		forgetBefore(now);
		return (times.size() < events) ? Duration.ZERO : Duration.ofMillis(times.peekFirst() + windowMillis - now);
	}

	private void forgetBefore(long now) {
		while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
			times.removeFirst();
		}
	}

}
