package dev.minerfleet.chain;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What every miner of one chain must agree on. Two miners with equal parameters derive the same
 * genesis block, expect the same target at every height and accept the same blocks.
 *
 * @param version the block version this chain uses
 * @param genesisTimestamp timestamp of the genesis block, milliseconds since the epoch
 * @param initialTarget target of the genesis block and of every block until the first retarget
 * @param retargetInterval blocks between retargets; 0 turns retargeting off
 * @param targetBlockInterval the interval retargeting steers towards
 * @param maxFutureDrift how far ahead of the local clock a block timestamp may lie
 * @param maxBlockTransactions most transactions in a block, coinbase included
 * @param maxBlockBytes most bytes of a block: header plus canonical transaction bytes
 * @param medianTimeSpan blocks whose median timestamp a new block must exceed (Bitcoin: 11)
 * @param orphanPoolSize most blocks kept while waiting for their parent
 * @param blockReward amount of each coinbase (cosmetic: nothing is spent)
 * @param doubleSpendRule whether a branch may spend each coin ({@link Transaction#coin()}) at most once
 */
public record ChainParameters(int version, long genesisTimestamp, Target initialTarget, int retargetInterval,
		Duration targetBlockInterval, Duration maxFutureDrift, int maxBlockTransactions, long maxBlockBytes,
		int medianTimeSpan, int orphanPoolSize, long blockReward, boolean doubleSpendRule) {

	public static final int MAX_TIME_FACTOR = 4;

	/** How much easier than the initial target retargeting may ever go, and any block may claim. */
	public static final int EASIEST_TARGET_FACTOR = 256;

	public ChainParameters {
		Objects.requireNonNull(initialTarget, "initialTarget");
		Objects.requireNonNull(targetBlockInterval, "targetBlockInterval");
		Objects.requireNonNull(maxFutureDrift, "maxFutureDrift");
		if (retargetInterval < 0 || retargetInterval == 1) {
			throw new IllegalArgumentException("retargetInterval is 0 (off) or at least 2, got " + retargetInterval);
		}
		if (targetBlockInterval.isNegative() || targetBlockInterval.isZero()) {
			throw new IllegalArgumentException("targetBlockInterval must be positive");
		}
		if (maxBlockTransactions < 1 || maxBlockBytes < HeaderCodec.LENGTH || medianTimeSpan < 1 || orphanPoolSize < 0) {
			throw new IllegalArgumentException("block limits, median span and orphan pool size must be positive");
		}
	}

	/** Defaults for a local fleet: 16 leading zero bits, retarget every 20 blocks toward 5 s. */
	public static ChainParameters defaults() {
		return new ChainParameters(1, 1_767_225_600_000L, Target.ofLeadingZeroBits(16), 20, Duration.ofSeconds(5),
				Duration.ofHours(2), 5_000, 2_000_000, 11, 1_000, 50, false);
	}

	public ChainParameters withInitialTarget(Target target) {
		return new ChainParameters(version, genesisTimestamp, target, retargetInterval, targetBlockInterval,
				maxFutureDrift, maxBlockTransactions, maxBlockBytes, medianTimeSpan, orphanPoolSize, blockReward,
				doubleSpendRule);
	}

	public ChainParameters withRetargeting(int interval, Duration blockInterval) {
		return new ChainParameters(version, genesisTimestamp, initialTarget, interval, blockInterval, maxFutureDrift,
				maxBlockTransactions, maxBlockBytes, medianTimeSpan, orphanPoolSize, blockReward, doubleSpendRule);
	}

	public ChainParameters withBlockLimits(int transactions, long bytes) {
		return new ChainParameters(version, genesisTimestamp, initialTarget, retargetInterval, targetBlockInterval,
				maxFutureDrift, transactions, bytes, medianTimeSpan, orphanPoolSize, blockReward, doubleSpendRule);
	}

	public ChainParameters withOrphanPoolSize(int size) {
		return new ChainParameters(version, genesisTimestamp, initialTarget, retargetInterval, targetBlockInterval,
				maxFutureDrift, maxBlockTransactions, maxBlockBytes, medianTimeSpan, size, blockReward,
				doubleSpendRule);
	}

	public ChainParameters withDoubleSpendRule(boolean on) {
		return new ChainParameters(version, genesisTimestamp, initialTarget, retargetInterval, targetBlockInterval,
				maxFutureDrift, maxBlockTransactions, maxBlockBytes, medianTimeSpan, orphanPoolSize, blockReward, on);
	}

	/**
	 * The easiest target a block of this chain may carry: {@value #EASIEST_TARGET_FACTOR} times
	 * the initial target (Bitcoin's "proof-of-work limit"). Retargeting never goes past it, and a
	 * block claiming an easier one is rejected before anything else, orphans included, so fake
	 * proof of work costs at least this much.
	 */
	public Target easiestTarget() {
		java.math.BigInteger limit = initialTarget.value().multiply(java.math.BigInteger.valueOf(EASIEST_TARGET_FACTOR));
		return limit.compareTo(Target.EASIEST.value()) >= 0 ? Target.EASIEST : Target.fromValue(limit);
	}

	/**
	 * SHA-256 of the settings that decide which blocks are valid: version, genesis timestamp, initial target,
	 * retargeting, block limits, median span and reward, and the double-spend rule when it is on. Two miners with
	 * equal consensus hashes accept the same blocks; {@code maxFutureDrift} and {@code orphanPoolSize} are local policy
	 * and left out. The double-spend rule adds a byte 1 at the end only when on, so a chain without it keeps the hash
	 * it had before the rule existed (block logs written then still open).
	 */
	public Hash consensusHash() {
		ByteBuffer bytes = ByteBuffer.allocate(4 + 8 + 4 + 4 + 8 + 4 + 8 + 4 + 8 + (doubleSpendRule ? 1 : 0));
		bytes.putInt(version)
			.putLong(genesisTimestamp)
			.putInt(initialTarget.compact())
			.putInt(retargetInterval)
			.putLong(targetBlockInterval.toMillis())
			.putInt(maxBlockTransactions)
			.putLong(maxBlockBytes)
			.putInt(medianTimeSpan)
			.putLong(blockReward);
		if (doubleSpendRule) {
			bytes.put((byte) 1);
		}
		return Sha256.sha256(bytes.array());
	}

	/**
	 * The genesis block: a coinbase paying "genesis" at the genesis timestamp, under the initial
	 * target, nonce 0. Its proof of work is not checked: it is given, not mined.
	 */
	public Block genesisBlock() {
		Transaction coinbase = Transaction.coinbase("genesis", 0, 0, genesisTimestamp, 0);
		BlockHeader header = new BlockHeader(version, Hash.ZERO, Hash.ZERO, genesisTimestamp, initialTarget.compact(),
				0);
		return Block.assemble(header, List.of(coinbase));
	}

}
