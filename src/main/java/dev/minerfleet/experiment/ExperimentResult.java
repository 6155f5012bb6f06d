package dev.minerfleet.experiment;

import java.time.Duration;

/**
 * What one setting of an experiment gave.
 *
 * @param ratio the propagation delay over the block interval asked for
 * @param delay the inbound delay every miner had ({@code network.delay})
 * @param miners miners of equal share
 * @param staleRate blocks found, and those not on the final main chain
 * @param mainChain height of the final main chain
 * @param measuredInterval mining time over blocks found: the {@code T} of the model
 * @param elapsed mining time of the setting
 */
public record ExperimentResult(double ratio, Duration delay, int miners, StaleRate staleRate, int mainChain,
		Duration measuredInterval, Duration elapsed) {

	/** The model's prediction for this setting's delay and measured interval. */
	public double predicted() {
		return StaleModel.deckerWattenhofer(delay, measuredInterval);
	}

	/** The prediction counting only the other miners' share. */
	public double predictedOthersOnly() {
		return StaleModel.othersOnly(delay, measuredInterval, miners);
	}

}
