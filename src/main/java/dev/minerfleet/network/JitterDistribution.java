package dev.minerfleet.network;

import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * How the jitter added to each message's delay is drawn, for a configured jitter {@code j}. Every draw is 0 or more:
 * the jitter only ever adds to the fixed delay.
 */
public enum JitterDistribution {

	/** Uniform on [0, j): mean j/2, never more than j. */
	UNIFORM {
		@Override
		double draw(RandomGenerator random) {
			return random.nextDouble();
		}
	},

	/** Exponential with mean j: mostly small, now and then several times j (a long tail). */
	EXPONENTIAL {
		@Override
		double draw(RandomGenerator random) {
			return random.nextExponential();
		}
	},

	/**
	 * Half-normal: |N(0, j)|, the absolute value of a normal draw with standard deviation j; mean j·√(2/π) ≈ 0.8 j,
	 * beyond 2 j one time in 22.
	 */
	NORMAL {
		@Override
		double draw(RandomGenerator random) {
			return Math.abs(random.nextGaussian());
		}
	};

	/** The longest jitter one draw may add, in multiples of j; a cap that a sane draw never reaches. */
	static final double MAX_FACTOR = 50;

	/** A draw in multiples of j. */
	abstract double draw(RandomGenerator random);

	/** One jitter in nanoseconds, for a configured jitter of {@code jitterNanos}: 0 when that is 0. */
	public long sampleNanos(long jitterNanos, RandomGenerator random) {
		if (jitterNanos <= 0) {
			return 0;
		}
		return (long) (jitterNanos * Math.min(MAX_FACTOR, draw(random)));
	}

	/** The name used in settings and JSON: {@code uniform}, {@code exponential} or {@code normal}. */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The distribution named {@code name}, in any case.
	 * @throws IllegalArgumentException naming the choices
	 */
	public static JitterDistribution of(String name) {
		for (JitterDistribution distribution : values()) {
			if (distribution.tag().equalsIgnoreCase(name.trim())) {
				return distribution;
			}
		}
		throw new IllegalArgumentException("jitterDistribution must be one of " + choices() + ", got '" + name + "'");
	}

	static String choices() {
		return Arrays.stream(values()).map(JitterDistribution::tag).collect(Collectors.joining(", "));
	}

}
