package dev.minerfleet.chain;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A valid block in the block tree, with what the tree knows of it.
 *
 * @param block the block
 * @param hash its hash, computed once
 * @param height 0 for genesis
 * @param chainWork total work of the branch from genesis up to and including this block
 * @param sequence order in which the tree accepted blocks; the lower wins a tie of work
 */
public record StoredBlock(Block block, Hash hash, int height, BigInteger chainWork, long sequence) {

	public StoredBlock {
		Objects.requireNonNull(block, "block");
		Objects.requireNonNull(hash, "hash");
		Objects.requireNonNull(chainWork, "chainWork");
	}

	public BlockHeader header() {
		return block.header();
	}

	public Hash previousHash() {
		return block.previousHash();
	}

	public long timestamp() {
		return block.header().timestamp();
	}

	public String miner() {
		return block.miner();
	}

	public boolean hasMoreWorkThan(StoredBlock other) {
		return chainWork.compareTo(other.chainWork) > 0;
	}

}
