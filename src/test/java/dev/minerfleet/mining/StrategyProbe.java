package dev.minerfleet.mining;

/**
 * Run in a child JVM by {@link HeaderHasherTests}: exits with {@link #EXIT_BASE} plus the ordinal of the strategy
 * chosen there, so the test reads it without any output and tells it from a JVM that failed (exit 1).
 */
final class StrategyProbe {

	static final int EXIT_BASE = 40;

	private StrategyProbe() {
	}

	public static void main(String[] args) {
		System.exit(EXIT_BASE + HeaderHasher.bestStrategy().ordinal());
	}

}
