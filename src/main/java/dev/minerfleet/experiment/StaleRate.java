package dev.minerfleet.experiment;

/**
 * How many of the blocks a fleet found ended up off the main chain, and the 95% Wilson score interval of that share:
 * the interval a binomial proportion of {@code total} trials is believed to lie in, sound even near 0 and for small
 * counts, where the normal approximation is not.
 *
 * @param stale blocks found but not on the final main chain
 * @param total blocks found
 */
public record StaleRate(long stale, long total) {

	/** z for a two-sided 95% interval. */
	static final double Z95 = 1.959963984540054;

	public StaleRate {
		if (total < 0 || stale < 0 || stale > total) {
			throw new IllegalArgumentException("need 0 <= stale <= total, got " + stale + " of " + total);
		}
	}

	/** The measured share, 0 when nothing was found. */
	public double rate() {
		return (total == 0) ? 0 : (double) stale / total;
	}

	/** The 95% Wilson score interval, [0, 1] when nothing was found. */
	public Interval interval() {
		if (total == 0) {
			return new Interval(0, 1);
		}
		double n = total;
		double p = rate();
		double z2 = Z95 * Z95;
		double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
		double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
		return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
	}

	/** A closed interval of shares. */
	public record Interval(double low, double high) {

		public boolean contains(double value) {
			return value >= low && value <= high;
		}

	}

}
