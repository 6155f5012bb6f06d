package dev.minerfleet.chain;

import java.util.List;
import java.util.Objects;

/**
 * A header and its transactions, the first of which should be the coinbase naming the miner.
 * Nothing here is validated beyond non-null: blocks from the network may be anything, and
 * {@code dev.minerfleet.chain.validation} says what is wrong with them.
 */
public record Block(BlockHeader header, List<Transaction> transactions) {

	public static final String UNKNOWN_MINER = "unknown";

	public Block {
		Objects.requireNonNull(header, "header");
		transactions = List.copyOf(transactions);
	}

	/** Builds a block whose header commits to {@code transactions}. */
	public static Block assemble(BlockHeader header, List<Transaction> transactions) {
		return new Block(header.withMerkleRoot(MerkleRoot.of(transactions)), transactions);
	}

	public Hash hash() {
		return header.hash();
	}

	public Hash previousHash() {
		return header.previousHash();
	}

	/** The miner named by the coinbase, or {@value #UNKNOWN_MINER} when there is no coinbase. */
	public String miner() {
		return (!transactions.isEmpty() && transactions.get(0).isCoinbase()) ? transactions.get(0).origin()
				: UNKNOWN_MINER;
	}

	/** Header plus the canonical bytes of every transaction: what the block size limit counts. */
	public long size() {
		long size = HeaderCodec.LENGTH;
		for (Transaction tx : transactions) {
			size += tx.size();
		}
		return size;
	}

	public Block withHeader(BlockHeader newHeader) {
		return new Block(newHeader, transactions);
	}

}
