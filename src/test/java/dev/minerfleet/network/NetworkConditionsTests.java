package dev.minerfleet.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class NetworkConditionsTests {

	private static NetworkConditions conditions(Duration delay, Duration jitter, double loss) {
		return new NetworkConditions(delay, jitter, JitterDistribution.UNIFORM, loss, Partitions.NONE);
	}

	@Test
	void refusesANegativeDelayOrJitterSayingWhatItGot() {
		assertThatIllegalArgumentException().isThrownBy(() -> conditions(Duration.ofMillis(-1), Duration.ZERO, 0))
			.withMessage("delay must not be negative, got PT-0.001S");
		assertThatIllegalArgumentException().isThrownBy(() -> conditions(Duration.ZERO, Duration.ofSeconds(-2), 0))
			.withMessage("jitter must not be negative, got PT-2S");
	}

	@Test
	void refusesADelayOverAnHour() {
		assertThatIllegalArgumentException().isThrownBy(() -> conditions(Duration.ofMinutes(61), Duration.ZERO, 0))
			.withMessage("delay must be at most PT1H, got PT1H1M");
		assertThat(conditions(Duration.ofHours(1), Duration.ofHours(1), 0).delay()).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void refusesALossOutsideZeroToOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> conditions(Duration.ZERO, Duration.ZERO, 1.5))
			.withMessage("loss must be between 0 and 1, got 1.5");
		assertThatIllegalArgumentException().isThrownBy(() -> conditions(Duration.ZERO, Duration.ZERO, -0.1))
			.withMessage("loss must be between 0 and 1, got -0.1");
		assertThatIllegalArgumentException().isThrownBy(() -> conditions(Duration.ZERO, Duration.ZERO, Double.NaN))
			.withMessage("loss must be between 0 and 1, got NaN");
		assertThat(conditions(Duration.ZERO, Duration.ZERO, 1).loss()).isEqualTo(1);
	}

	@Test
	void refusesMissingValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> conditions(null, Duration.ZERO, 0))
			.withMessage("delay is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new NetworkConditions(Duration.ZERO, Duration.ZERO, null, 0, Partitions.NONE))
			.withMessage("jitterDistribution must be one of uniform, exponential, normal");
	}

	@Test
	void isPerfectOnlyWithNoDelayNoJitterNoLossAndNoPartitions() {
		assertThat(NetworkConditions.NONE.isPerfect()).isTrue();
		assertThat(conditions(Duration.ofMillis(1), Duration.ZERO, 0).isPerfect()).isFalse();
		assertThat(conditions(Duration.ZERO, Duration.ofMillis(1), 0).isPerfect()).isFalse();
		assertThat(conditions(Duration.ZERO, Duration.ZERO, 0.01).isPerfect()).isFalse();
		assertThat(NetworkConditions.NONE.withPartitions(Partitions.parse(List.of("a"))).isPerfect()).isFalse();
	}

	@Test
	void delaysOnlyWithADelayOrAJitter() {
		assertThat(conditions(Duration.ZERO, Duration.ZERO, 0.5).delays()).isFalse();
		assertThat(conditions(Duration.ofMillis(1), Duration.ZERO, 0).delays()).isTrue();
		assertThat(conditions(Duration.ZERO, Duration.ofMillis(1), 0).delays()).isTrue();
	}

	@Test
	void drawsExactlyTheDelayWhenThereIsNoJitter() {
		NetworkConditions fixed = conditions(Duration.ofMillis(300), Duration.ZERO, 0);
		SplittableRandom random = new SplittableRandom(7);

		for (int i = 0; i < 100; i++) {
			assertThat(fixed.sampleDelayNanos(random)).isEqualTo(300_000_000L);
		}
	}

	@Test
	void drawsTheDelayPlusAJitterWithinTheUniformBound() {
		NetworkConditions jittery = conditions(Duration.ofMillis(300), Duration.ofMillis(100), 0);
		SplittableRandom random = new SplittableRandom(7);

		for (int i = 0; i < 1000; i++) {
			assertThat(jittery.sampleDelayNanos(random)).isBetween(300_000_000L, 400_000_000L);
		}
	}

	@Test
	void summarisesItselfOnOneLine() {
		NetworkConditions conditions = new NetworkConditions(Duration.ofMillis(300), Duration.ofMillis(50),
				JitterDistribution.EXPONENTIAL, 0.1, Partitions.parse(List.of("miner-1,miner-2;miner-3")));

		assertThat(conditions.summary())
			.isEqualTo("delay 300ms + exponential jitter 50ms, loss 0.1, partitions miner-1,miner-2;miner-3");
		assertThat(NetworkConditions.NONE.summary()).isEqualTo("none");
	}

}
