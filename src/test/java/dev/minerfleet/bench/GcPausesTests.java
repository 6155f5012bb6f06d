package dev.minerfleet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class GcPausesTests {

	@Test
	void placesAnExplicitCollectionInsideTheWindowAroundItAndNoPauseInAWindowBeforeRecordingBegan() {
		long before = System.nanoTime();
		try (GcPauses pauses = GcPauses.record()) {
			long from = System.nanoTime();
			System.gc();
			long to = System.nanoTime();

			// JFR hands events over when it flushes, about once a second
			await().atMost(Duration.ofSeconds(10)).until(() -> pauses.count() >= 1);

			assertThat(pauses.pausedMillis(from, to)).isGreaterThan(0).isLessThanOrEqualTo((to - from) / 1e6);
			assertThat(pauses.pausedMillis(before - 60_000_000_000L, before)).isZero();
		}
	}

}
