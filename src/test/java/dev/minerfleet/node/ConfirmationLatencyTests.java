package dev.minerfleet.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.minerfleet.node.ConfirmationLatency.Summary;

class ConfirmationLatencyTests {

	private final ConfirmationLatency latency = new ConfirmationLatency();

	@Test
	void summarisesNothingAsZeros() {
		assertThat(latency.summary()).isEqualTo(new Summary(0, 0, 0, 0, 0));
	}

	@Test
	void takesMeanAndMaximumOverAllAndPercentilesByNearestRank() {
		for (int millis = 100; millis >= 1; millis--) {
			latency.record(Duration.ofMillis(millis));
		}
		assertThat(latency.summary()).isEqualTo(new Summary(100, 50.5, 50, 99, 100));
	}

	@Test
	void takesPercentilesOverTheMostRecentLatenciesOnly() {
		for (int i = 0; i < ConfirmationLatency.RECENT; i++) {
			latency.record(Duration.ofSeconds(1));
		}
		for (int i = 0; i < ConfirmationLatency.RECENT; i++) {
			latency.record(Duration.ofMillis(10));
		}
		Summary summary = latency.summary();
		assertThat(summary.count()).isEqualTo(2L * ConfirmationLatency.RECENT);
		assertThat(summary.p50Millis()).isEqualTo(10);
		assertThat(summary.p99Millis()).isEqualTo(10);
		assertThat(summary.maxMillis()).isEqualTo(1000);
		assertThat(summary.meanMillis()).isEqualTo(505.0);
	}

}
