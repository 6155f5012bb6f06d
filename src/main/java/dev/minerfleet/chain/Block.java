package dev.minerfleet.chain;

import java.util.List;
import java.util.Objects;

/**
 * A header and its transactions, the first of which should be the coinbase naming the miner.
 * Nothing here is validated beyond non-null: blocks from the network may be anything, and
 * {@code dev.minerfleet.chain.validation} says what is wrong with them.
 *
 * <p>
 * A class with a record's accessors, {@code equals}, {@code hashCode} and {@code toString} rather than a record: it
 * keeps the merkle root of its transactions once computed. A compact block is checked against its merkle root when
 * rebuilt and again by validation, a mined block when assembled and again when appended, and one root over 4,000
 * transactions takes as long as a fifth of everything else a receiving miner does with the block (docs/benchmarks.md,
 * "Block propagation", round 4).
 */
public final class Block {

	public static final String UNKNOWN_MINER = "unknown";

	private final BlockHeader header;

	private final List<Transaction> transactions;

	/**
	 * The root of {@link #transactions}, null until computed. Not volatile: two threads may both compute it, and
	 * either reads an immutable {@link Hash} or null, never a half-built one ({@code Hash}'s fields are final).
	 */
	private Hash transactionsRoot;

	public Block(BlockHeader header, List<Transaction> transactions) {
		this.header = Objects.requireNonNull(header, "header");
		this.transactions = List.copyOf(transactions);
	}

	private Block(BlockHeader header, List<Transaction> transactions, Hash transactionsRoot) {
		this(header, transactions);
		this.transactionsRoot = transactionsRoot;
	}

	/** Builds a block whose header commits to {@code transactions}. */
	public static Block assemble(BlockHeader header, List<Transaction> transactions) {
		List<Transaction> copy = List.copyOf(transactions);
		Hash root = MerkleRoot.of(copy);
		return new Block(header.withMerkleRoot(root), copy, root);
	}

	public BlockHeader header() {
		return header;
	}

	public List<Transaction> transactions() {
		return transactions;
	}

	/**
	 * The merkle root of the transactions as they are, computed once: what the header's root should be, not what it
	 * says ({@code header().merkleRoot()}).
	 */
	public Hash transactionsRoot() {
		Hash root = transactionsRoot;
		if (root == null) {
			// the header's own instance when it is right (a chain holds every block: one instance of the two), found
			// without hashing when another miner of this process checked the same transactions against it
			root = VerifiedMerkleRoots.rootOf(transactions, header.merkleRoot());
			transactionsRoot = root;
		}
		return root;
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

	/** The same transactions under another header (their root, once computed, kept). */
	public Block withHeader(BlockHeader newHeader) {
		return new Block(newHeader, transactions, transactionsRoot);
	}

	@Override
	public boolean equals(Object other) {
		return this == other || other instanceof Block block && header.equals(block.header)
				&& transactions.equals(block.transactions);
	}

	@Override
	public int hashCode() {
		return 31 * header.hashCode() + transactions.hashCode();
	}

	@Override
	public String toString() {
		return "Block[header=" + header + ", transactions=" + transactions + "]";
	}

}
