package dev.minerfleet.node;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.Target;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The chain every miner of a fleet must agree on, and this miner's mempool bounds. Miners with
 * different chain settings reject each other's blocks.
 *
 * @param difficultyBits leading zero bits of the initial target (CHAIN_DIFFICULTY_BITS)
 * @param retargetInterval blocks between retargets, 0 for a fixed difficulty
 * @param blockInterval the block interval retargeting steers towards
 * @param maxFutureDrift how far ahead of this miner's clock a block may be stamped
 * @param maxBlockTransactions most transactions in a block, coinbase included
 * @param maxBlockSize most bytes in a block (header and canonical transaction bytes)
 * @param orphanPoolSize most blocks waiting for an unknown parent
 * @param mempoolMaxTransactions most pending transactions
 * @param mempoolMaxSize most bytes of pending transactions
 * @param doubleSpendRule whether a branch may spend each coin at most once (CHAIN_DOUBLE_SPEND_RULE): blocks
 * spending a coin twice are rejected, and the mempool drops spends that lose to a confirmed one
 */
@Validated
@ConfigurationProperties("chain")
public record ChainProperties(@DefaultValue("20") @Min(0) @Max(240) int difficultyBits,
		@DefaultValue("20") @Min(0) int retargetInterval, @DefaultValue("5s") @NotNull Duration blockInterval,
		@DefaultValue("2h") @NotNull Duration maxFutureDrift, @DefaultValue("5000") @Min(1) int maxBlockTransactions,
		@DefaultValue("2MB") @NotNull DataSize maxBlockSize, @DefaultValue("1000") @Min(0) int orphanPoolSize,
		@DefaultValue("100000") @Min(1) int mempoolMaxTransactions,
		@DefaultValue("64MB") @NotNull DataSize mempoolMaxSize, @DefaultValue("false") boolean doubleSpendRule) {

	public ChainProperties {
		if (retargetInterval == 1) {
			throw new IllegalArgumentException(
					"chain.retarget-interval must be 0 (fixed difficulty) or at least 2 (a window needs two blocks), got 1");
		}
	}

	public ChainParameters toParameters() {
		ChainParameters defaults = ChainParameters.defaults();
		return new ChainParameters(defaults.version(), defaults.genesisTimestamp(),
				Target.ofLeadingZeroBits(difficultyBits), retargetInterval, blockInterval,
				maxFutureDrift, maxBlockTransactions, maxBlockSize.toBytes(), defaults.medianTimeSpan(),
				orphanPoolSize, defaults.blockReward(), doubleSpendRule);
	}

}
