package dev.minerfleet.chain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A block as compact block relay sends it (Bitcoin's BIP 152): the header, the transactions the receivers cannot have
 * (the coinbase) in full, and a {@link ShortTransactionIds short id} for each other one, which a receiver looks up in
 * its mempool ({@link PartialBlock}). About 8 bytes a transaction instead of some 250. Nothing is validated beyond the
 * shape: the rebuilt block goes through full validation like any other. Not a record: it holds an array. Immutable.
 */
public final class CompactBlock {

	/** A transaction sent in full, at its position in the block. */
	public record Prefilled(int index, Transaction transaction) {

		public Prefilled {
			Objects.requireNonNull(transaction, "transaction");
		}

	}

	private final BlockHeader header;

	private final Hash hash;

	private final int transactionCount;

	private final List<Prefilled> prefilled;

	private final long[] shortIds;

	/**
	 * @param transactionCount transactions of the block
	 * @param prefilled the transactions sent in full, by ascending index below {@code transactionCount}
	 * @param shortIds the short ids of the other transactions, in block order
	 * @throws IllegalArgumentException when the parts do not add up to {@code transactionCount} transactions
	 */
	public CompactBlock(BlockHeader header, int transactionCount, List<Prefilled> prefilled, long[] shortIds) {
		this.header = Objects.requireNonNull(header, "header");
		this.hash = header.hash();
		this.prefilled = List.copyOf(prefilled);
		this.shortIds = shortIds.clone();
		this.transactionCount = transactionCount;
		if (transactionCount < 0) {
			throw new IllegalArgumentException("a block cannot hold " + transactionCount + " transactions");
		}
		int previous = -1;
		for (Prefilled one : this.prefilled) {
			if (one.index() <= previous || one.index() >= transactionCount) {
				throw new IllegalArgumentException("prefilled index " + one.index() + " is not above " + previous
						+ " and below the " + transactionCount + " transactions");
			}
			previous = one.index();
		}
		if (this.prefilled.size() + this.shortIds.length != transactionCount) {
			throw new IllegalArgumentException(this.prefilled.size() + " prefilled transactions and "
					+ this.shortIds.length + " short ids do not make " + transactionCount + " transactions");
		}
		for (long id : this.shortIds) {
			if (id >>> (8 * ShortTransactionIds.LENGTH) != 0) {
				throw new IllegalArgumentException("a short id has " + ShortTransactionIds.LENGTH + " bytes");
			}
		}
	}

	/** The compact form of {@code block}: its first transaction (the coinbase, which no one else has) in full. */
	public static CompactBlock of(Block block) {
		return of(block, Set.of());
	}

	/**
	 * The compact form of {@code block} with its first transaction (the coinbase) and those whose id is in
	 * {@code sendWhole} in full: the transactions the sender expects the receivers to lack.
	 */
	public static CompactBlock of(Block block, Set<Hash> sendWhole) {
		List<Transaction> transactions = block.transactions();
		if (transactions.isEmpty()) {
			return new CompactBlock(block.header(), 0, List.of(), new long[0]);
		}
		ShortTransactionIds ids = ShortTransactionIds.forHeader(block.header());
		List<Prefilled> prefilled = new ArrayList<>();
		prefilled.add(new Prefilled(0, transactions.get(0)));
		long[] shortIds = new long[transactions.size() - 1];
		int shortIdCount = 0;
		for (int i = 1; i < transactions.size(); i++) {
			Transaction tx = transactions.get(i);
			if (sendWhole.contains(tx.id())) {
				prefilled.add(new Prefilled(i, tx));
			}
			else {
				shortIds[shortIdCount++] = ids.of(tx.id());
			}
		}
		return new CompactBlock(block.header(), transactions.size(), prefilled,
				Arrays.copyOf(shortIds, shortIdCount));
	}

	public BlockHeader header() {
		return header;
	}

	public Hash hash() {
		return hash;
	}

	public int transactionCount() {
		return transactionCount;
	}

	public List<Prefilled> prefilled() {
		return prefilled;
	}

	/** A copy of the short ids, in block order. */
	public long[] shortIds() {
		return shortIds.clone();
	}

	int shortIdCount() {
		return shortIds.length;
	}

	long shortId(int i) {
		return shortIds[i];
	}

	/** The miner a prefilled coinbase at index 0 names, or {@value Block#UNKNOWN_MINER}. */
	public String miner() {
		if (!prefilled.isEmpty() && prefilled.get(0).index() == 0 && prefilled.get(0).transaction().isCoinbase()) {
			return prefilled.get(0).transaction().origin();
		}
		return Block.UNKNOWN_MINER;
	}

	/** The positions of the transactions sent as short ids, in block order. */
	List<Integer> shortIdIndexes() {
		List<Integer> indexes = new ArrayList<>(shortIds.length);
		int next = 0;
		for (int i = 0; i < transactionCount; i++) {
			if (next < prefilled.size() && prefilled.get(next).index() == i) {
				next++;
			}
			else {
				indexes.add(i);
			}
		}
		return indexes;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CompactBlock that && header.equals(that.header)
				&& transactionCount == that.transactionCount && prefilled.equals(that.prefilled)
				&& Arrays.equals(shortIds, that.shortIds);
	}

	@Override
	public int hashCode() {
		return Objects.hash(header, transactionCount, prefilled, Arrays.hashCode(shortIds));
	}

	@Override
	public String toString() {
		return "CompactBlock[" + hash.abbreviated() + ", " + transactionCount + " transactions, " + prefilled.size()
				+ " prefilled]";
	}

}
