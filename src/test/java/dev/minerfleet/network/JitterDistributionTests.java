package dev.minerfleet.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The distributions' means and bounds, and the loss rate, from 100,000 seeded draws each. The bounds are loose (several
 * standard errors) and the seeds fixed: these tests fail only when a distribution is wrong, never by bad luck.
 */
class JitterDistributionTests {

	private static final int DRAWS = 100_000;

	private static final long JITTER_NANOS = 100_000_000;

	private static double meanOf(JitterDistribution distribution, RandomGenerator random) {
		double sum = 0;
		for (int i = 0; i < DRAWS; i++) {
			sum += distribution.sampleNanos(JITTER_NANOS, random);
		}
		return sum / DRAWS / JITTER_NANOS;
	}

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 2, 3 })
	void drawsUniformJitterBetweenZeroAndTheJitterWithMeanHalfOfIt(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < 1000; i++) {
			assertThat(JitterDistribution.UNIFORM.sampleNanos(JITTER_NANOS, random)).isBetween(0L, JITTER_NANOS);
		}
		// standard error 0.29 / sqrt(100,000) = 0.0009
		assertThat(meanOf(JitterDistribution.UNIFORM, new SplittableRandom(seed))).isCloseTo(0.5, within(0.005));
	}

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 2, 3 })
	void drawsExponentialJitterWithTheJitterAsItsMean(long seed) {
		// standard error 1 / sqrt(100,000) = 0.003
		assertThat(meanOf(JitterDistribution.EXPONENTIAL, new SplittableRandom(seed))).isCloseTo(1.0, within(0.015));
	}

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 2, 3 })
	void drawsHalfNormalJitterWithMeanTheJitterTimesTheRootOfTwoOverPi(long seed) {
		// standard error 0.6 / sqrt(100,000) = 0.002
		assertThat(meanOf(JitterDistribution.NORMAL, new SplittableRandom(seed)))
			.isCloseTo(Math.sqrt(2 / Math.PI), within(0.01));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "UNIFORM", "EXPONENTIAL", "NORMAL" })
	void neverDrawsANegativeJitterNorAnyWithoutAJitter(JitterDistribution distribution) {
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < DRAWS; i++) {
			assertThat(distribution.sampleNanos(JITTER_NANOS, random)).isNotNegative();
		}
		assertThat(distribution.sampleNanos(0, random)).isZero();
	}

	@Test
	void capsALongTailDrawAtFiftyTimesTheJitter() {
		RandomGenerator alwaysHuge = new RandomGenerator() {
			@Override
			public long nextLong() {
				return 0;
			}

			@Override
			public double nextExponential() {
				return 1e9;
			}
		};
		assertThat(JitterDistribution.EXPONENTIAL.sampleNanos(JITTER_NANOS, alwaysHuge)).isEqualTo(50 * JITTER_NANOS);
	}

	@ParameterizedTest(name = "seed {0}, loss {1}")
	@CsvSource({ "1, 0.1", "2, 0.3", "3, 0.5", "4, 0.9" })
	void losesMessagesAtTheConfiguredRateWithinABinomialBound(long seed, double loss) {
		NetworkConditions lossy = new NetworkConditions(Duration.ZERO, Duration.ZERO, JitterDistribution.UNIFORM, loss,
				Partitions.NONE);
		SplittableRandom random = new SplittableRandom(seed);
		int lost = 0;
		for (int i = 0; i < DRAWS; i++) {
			if (lossy.loses(random)) {
				lost++;
			}
		}
		// 5 standard deviations of a binomial(100,000, loss): at most 0.8 % of the draws
		double sigma = Math.sqrt(DRAWS * loss * (1 - loss));
		assertThat((double) lost).isCloseTo(DRAWS * loss, within(5 * sigma));
	}

	@Test
	void losesNothingAtZeroAndEverythingAtOne() {
		SplittableRandom random = new SplittableRandom(5);
		NetworkConditions none = NetworkConditions.NONE;
		NetworkConditions all = new NetworkConditions(Duration.ZERO, Duration.ZERO, JitterDistribution.UNIFORM, 1,
				Partitions.NONE);
		for (int i = 0; i < 10_000; i++) {
			assertThat(none.loses(random)).isFalse();
			assertThat(all.loses(random)).isTrue();
		}
	}

	@Test
	void readsItsNameInAnyCaseAndNamesTheChoicesOtherwise() {
		assertThat(JitterDistribution.of("Exponential")).isEqualTo(JitterDistribution.EXPONENTIAL);
		assertThat(JitterDistribution.of(" normal ")).isEqualTo(JitterDistribution.NORMAL);
		assertThatIllegalArgumentException().isThrownBy(() -> JitterDistribution.of("pareto"))
			.withMessage("jitterDistribution must be one of uniform, exponential, normal, got 'pareto'");
	}

}
