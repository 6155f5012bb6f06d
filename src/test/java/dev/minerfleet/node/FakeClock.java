package dev.minerfleet.node;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that moves only when a test moves it, for the node's time-dependent services. */
final class FakeClock implements InstantSource {

	private long millis = 1_800_000_000_000L;

	@Override
	public Instant instant() {
		return Instant.ofEpochMilli(millis);
	}

	void advance(Duration duration) {
		millis += duration.toMillis();
	}

	void advanceTo(long target) {
		millis = Math.max(millis, target);
	}

}
