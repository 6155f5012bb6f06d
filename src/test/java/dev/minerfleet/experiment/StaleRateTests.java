package dev.minerfleet.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class StaleRateTests {

	/** Values of the closed form computed outside Java, with Python's math module. */
	@Test
	void theWilsonIntervalMatchesPublishedValues() {
		assertInterval(new StaleRate(0, 10), 0.0, 0.2775);
		assertInterval(new StaleRate(5, 10), 0.2366, 0.7634);
		assertInterval(new StaleRate(20, 200), 0.0657, 0.1494);
		assertInterval(new StaleRate(10, 10), 0.7225, 1.0);
	}

	@Test
	void anExperimentWithoutBlocksSaysNothing() {
		assertThat(new StaleRate(0, 0).rate()).isZero();
		assertThat(new StaleRate(0, 0).interval()).isEqualTo(new StaleRate.Interval(0, 1));
	}

	@Test
	void moreStaleBlocksThanBlocksAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StaleRate(3, 2));
		assertThatIllegalArgumentException().isThrownBy(() -> new StaleRate(-1, 2));
	}

	/** Seeded: over 2,000 simulated experiments of 200 blocks at p = 0.1, about 95% of the intervals hold p. */
	@Test
	void theIntervalHoldsTheTrueRateInAbout95PercentOfSimulatedExperimentsSeed2026() {
		SplittableRandom random = new SplittableRandom(2026);
		int holding = 0;
		for (int experiment = 0; experiment < 2_000; experiment++) {
			int stale = 0;
			for (int block = 0; block < 200; block++) {
				stale += (random.nextDouble() < 0.1) ? 1 : 0;
			}
			holding += new StaleRate(stale, 200).interval().contains(0.1) ? 1 : 0;
		}
		assertThat(holding / 2_000.0).isBetween(0.93, 0.97);
	}

	@Test
	void theModelPredictsOneMinusExpOfMinusTauOverT() {
		assertThat(StaleModel.deckerWattenhofer(Duration.ofMillis(100), Duration.ofSeconds(1)))
			.isCloseTo(1 - Math.exp(-0.1), within(1e-12));
		assertThat(StaleModel.deckerWattenhofer(Duration.ZERO, Duration.ofSeconds(1))).isZero();
		assertThat(StaleModel.othersOnly(Duration.ofMillis(300), Duration.ofSeconds(1), 5))
			.isCloseTo(1 - Math.exp(-0.24), within(1e-12));
		assertThat(StaleModel.othersOnly(Duration.ofMillis(300), Duration.ofSeconds(1), 1)).isZero();
	}

	private static void assertInterval(StaleRate rate, double low, double high) {
		assertThat(rate.interval().low()).isCloseTo(low, within(1e-4));
		assertThat(rate.interval().high()).isCloseTo(high, within(1e-4));
	}

}
