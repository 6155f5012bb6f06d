package dev.minerfleet.api;

import dev.minerfleet.chain.ChainParameters;

/**
 * The consensus settings of this miner's chain: enough for an outside checker to rebuild the
 * chain's rules and replay every block (the fleet check does).
 *
 * @param initialBits compact target of the genesis block, eight lowercase hex digits
 * @param genesisHash hash of the genesis block these parameters derive
 * @param doubleSpendRule whether a branch may spend each coin at most once ({@code chain.double-spend-rule})
 */
public record ChainParametersView(int version, long genesisTimestamp, String initialBits, int initialDifficulty,
		int retargetInterval, long targetBlockIntervalMillis, long maxFutureDriftMillis, int maxBlockTransactions,
		long maxBlockBytes, int medianTimeSpan, int orphanPoolSize, long blockReward, String genesisHash,
		boolean doubleSpendRule) {

	static ChainParametersView of(ChainParameters parameters) {
		return new ChainParametersView(parameters.version(), parameters.genesisTimestamp(),
				parameters.initialTarget().compactHex(), parameters.initialTarget().leadingZeroBits(),
				parameters.retargetInterval(), parameters.targetBlockInterval().toMillis(),
				parameters.maxFutureDrift().toMillis(), parameters.maxBlockTransactions(), parameters.maxBlockBytes(),
				parameters.medianTimeSpan(), parameters.orphanPoolSize(), parameters.blockReward(),
				parameters.genesisBlock().hash().hex(), parameters.doubleSpendRule());
	}

}
