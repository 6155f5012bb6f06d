package dev.minerfleet.mining;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Target;
import dev.minerfleet.chain.Transaction;

/**
 * What a miner needs to build a block on a tip: everything but the timestamp, the extra nonce and the nonce, which
 * mining chooses. {@link #assemble(long, long)} puts the coinbase first, then the transactions, and commits the
 * header to them through the merkle root.
 *
 * @param previousHash hash of the tip to build on
 * @param height height of the new block, at least 1
 * @param target the target the chain expects at that height
 * @param medianTimePast median timestamp of the tip's last blocks: the new timestamp must exceed it
 * @param transactions chosen from the mempool, in block order, without a coinbase
 * @param miner id of this miner, named by the coinbase
 * @param reward amount of the coinbase
 * @param version block version of the chain
 */
public record BlockTemplate(Hash previousHash, long height, Target target, long medianTimePast,
		List<Transaction> transactions, String miner, long reward, int version) {

	public BlockTemplate {
		Objects.requireNonNull(previousHash, "previousHash");
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(miner, "miner");
		transactions = List.copyOf(transactions);
		if (height < 1) {
			throw new IllegalArgumentException("a mined block has a height of at least 1, got " + height);
		}
		if (reward < 0) {
			throw new IllegalArgumentException("reward must not be negative, got " + reward);
		}
		if (medianTimePast == Long.MAX_VALUE) {
			throw new IllegalArgumentException("no timestamp exceeds the median time past " + medianTimePast);
		}
		for (Transaction tx : transactions) {
			if (tx.isCoinbase()) {
				throw new IllegalArgumentException("the template adds the coinbase itself, got " + tx.id());
			}
		}
	}

	/** A template taking the version and reward from the chain's parameters. */
	public static BlockTemplate of(ChainParameters parameters, Hash previousHash, long height, Target target,
			long medianTimePast, List<Transaction> transactions, String miner) {
		return new BlockTemplate(previousHash, height, target, medianTimePast, transactions, miner,
				parameters.blockReward(), parameters.version());
	}

	/** The earliest valid timestamp: one millisecond after the median time past. */
	public long minimumTimestamp() {
		return medianTimePast + 1;
	}

	/** The timestamp to use now: the clock, unless it is not past the median time past. */
	public long timestamp(InstantSource clock) {
		return Math.max(clock.millis(), minimumTimestamp());
	}

	/** The block to search at the current {@link #timestamp(InstantSource)}. */
	public Block assemble(InstantSource clock, long extraNonce) {
		return assemble(timestamp(clock), extraNonce);
	}

	/**
	 * The block to search: the coinbase for {@code extraNonce} at {@code timestamp}, then the transactions; a header
	 * with nonce 0 committing to them.
	 * @throws IllegalArgumentException if {@code timestamp} does not exceed the median time past
	 */
	public Block assemble(long timestamp, long extraNonce) {
		if (timestamp < minimumTimestamp()) {
			throw new IllegalArgumentException(
					"timestamp " + timestamp + " does not exceed the median time past " + medianTimePast);
		}
		List<Transaction> all = new ArrayList<>(transactions.size() + 1);
		all.add(Transaction.coinbase(miner, height, extraNonce, timestamp, reward));
		all.addAll(transactions);
		BlockHeader header = new BlockHeader(version, previousHash, Hash.ZERO, timestamp, target.compact(), 0);
		return Block.assemble(header, all);
	}

}
