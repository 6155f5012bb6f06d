package dev.minerfleet.experiment;

import java.time.Duration;

/**
 * The stale-block rate the model of Decker and Wattenhofer ("Information propagation in the Bitcoin network", 2013)
 * predicts: blocks are found as a Poisson process of mean interval {@code T}; a block takes {@code tau} to reach the
 * other miners; a block found by another miner within {@code tau} of one not yet heard of makes a fork, and one of the
 * two goes stale. So a block is made stale with a probability of about {@code 1 - exp(-tau / T)}.
 */
public final class StaleModel {

	private StaleModel() {
	}

	/** {@code 1 - exp(-tau / T)}, the model as published. */
	public static double deckerWattenhofer(Duration tau, Duration interval) {
		return 1 - Math.exp(-seconds(tau) / seconds(interval));
	}

	/**
	 * The same model counting only the other miners' hash power: a miner builds on its own block at once, so with
	 * {@code miners} of equal share only {@code (miners - 1) / miners} of the blocks found within {@code tau} race it.
	 */
	public static double othersOnly(Duration tau, Duration interval, int miners) {
		double others = (miners - 1) / (double) miners;
		return 1 - Math.exp(-others * seconds(tau) / seconds(interval));
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

}
