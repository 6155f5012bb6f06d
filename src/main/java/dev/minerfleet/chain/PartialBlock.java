package dev.minerfleet.chain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToLongFunction;

/**
 * A {@link CompactBlock} being rebuilt: its prefilled transactions, the ones found by short id among the receiver's
 * candidates (its mempool, then, while some are missing, other transactions it holds: {@link #offer}), and the
 * positions still {@link #missing()}, which the receiver asks the sender for and {@link #fill}s in. Two candidates
 * with the short id of one position, over all offers, or two positions with one short id, leave the position missing,
 * as BIP 152 says. Once nothing is missing, {@link #block()} checks the rebuilt block against the
 * header's merkle root: a mismatch means a collision went unnoticed (or the sender lied), and the receiver falls back
 * to asking for every transaction. Not thread-safe.
 */
public final class PartialBlock {

	private final CompactBlock compact;

	private final Transaction[] slots;

	private final ToLongFunction<Hash> shortIdOf;

	/** Short id -> position; -1 for a short id two positions share. */
	private final ShortIdTable positions;

	/** Positions two different candidates claimed: missing for good, until {@link #fill}ed. */
	private final boolean[] ambiguous;

	private PartialBlock(CompactBlock compact, ToLongFunction<Hash> shortIdOf) {
		this.compact = compact;
		this.shortIdOf = shortIdOf;
		this.slots = new Transaction[compact.transactionCount()];
		this.ambiguous = new boolean[slots.length];
		compact.prefilled().forEach(one -> slots[one.index()] = one.transaction());
		List<Integer> indexes = compact.shortIdIndexes();
		this.positions = new ShortIdTable(indexes.size());
		for (int i = 0; i < indexes.size(); i++) {
			positions.putOrMarkShared(compact.shortId(i), indexes.get(i));
		}
	}

	/** Starts rebuilding {@code compact} from {@code candidates}, the transactions this miner holds. */
	public static PartialBlock rebuild(CompactBlock compact, Collection<Transaction> candidates) {
		return rebuild(compact, candidates, ShortTransactionIds.forHeader(compact.header())::of);
	}

	/** As {@link #rebuild(CompactBlock, Collection)}, with the short ids {@code shortIdOf} gives: tests force collisions. */
	static PartialBlock rebuild(CompactBlock compact, Collection<Transaction> candidates, ToLongFunction<Hash> shortIdOf) {
		PartialBlock partial = new PartialBlock(compact, shortIdOf);
		partial.offer(candidates);
		return partial;
	}

	/**
	 * Looks for the missing transactions among {@code candidates} too: as if they had come with the earlier ones, so a
	 * candidate whose short id names a position another candidate filled with a different transaction leaves that
	 * position missing. A collision with a transaction never offered goes unnoticed here; {@link #block()}'s merkle
	 * check catches what it breaks.
	 */
	public void offer(Collection<Transaction> candidates) {
		if (positions.isEmpty()) {
			return;
		}
		for (Transaction candidate : candidates) {
			int position = positions.get(shortIdOf.applyAsLong(candidate.id()));
			if (position < 0 || ambiguous[position]) {
				continue;
			}
			Transaction earlier = slots[position];
			if (earlier == null) {
				slots[position] = candidate;
			}
			else if (!earlier.id().equals(candidate.id())) {
				slots[position] = null;
				ambiguous[position] = true;
			}
		}
	}

	public CompactBlock compact() {
		return compact;
	}

	public Hash hash() {
		return compact.hash();
	}

	/** The positions of the transactions not found yet, ascending. */
	public List<Integer> missing() {
		List<Integer> missing = new ArrayList<>();
		for (int i = 0; i < slots.length; i++) {
			if (slots[i] == null) {
				missing.add(i);
			}
		}
		return missing;
	}

	/** The positions of every transaction not prefilled: what to ask for when rebuilding went wrong. */
	public List<Integer> notPrefilled() {
		return compact.shortIdIndexes();
	}

	/**
	 * Puts {@code transactions} at {@code indexes}, which a sender answered with.
	 * @return false, changing nothing, when the two lists differ in size or an index is out of range or prefilled
	 */
	public boolean fill(List<Integer> indexes, List<Transaction> transactions) {
		if (indexes.size() != transactions.size()) {
			return false;
		}
		List<Integer> allowed = compact.shortIdIndexes();
		for (int index : indexes) {
			if (index < 0 || index >= slots.length || !contains(allowed, index)) {
				return false;
			}
		}
		for (int i = 0; i < indexes.size(); i++) {
			slots[indexes.get(i)] = transactions.get(i);
		}
		return true;
	}

	private static boolean contains(List<Integer> ascending, int index) {
		int found = Collections.binarySearch(ascending, index);
		return found >= 0;
	}

	/**
	 * The rebuilt block: empty while transactions are missing or when the transactions do not hash to the header's
	 * merkle root.
	 */
	public Optional<Block> block() {
		if (Arrays.asList(slots).contains(null)) {
			return Optional.empty();
		}
		Block block = new Block(compact.header(), Arrays.asList(slots));
		// the root computed here is the one validation checks again: the block keeps it
		if (!block.transactionsRoot().equals(compact.header().merkleRoot())) {
			return Optional.empty();
		}
		return Optional.of(block);
	}

	/**
	 * The block as filled in, whether or not it matches its merkle root: for validation to reject when the sender
	 * itself sent every transaction and still the root differs.
	 * @throws IllegalStateException while transactions are missing
	 */
	public Block assembled() {
		if (!isComplete()) {
			throw new IllegalStateException(missing().size() + " transactions are missing");
		}
		return new Block(compact.header(), Arrays.asList(slots));
	}

	/** Whether every transaction is in place (whether or not they match the merkle root). */
	public boolean isComplete() {
		return !Arrays.asList(slots).contains(null);
	}

	/**
	 * Short ids to positions, open addressing over two arrays: every transaction of the receiver's mempool is looked up
	 * here, and a {@code HashMap<Long, Integer>} boxed each of them (docs/benchmarks.md, "Block propagation").
	 *
	 * <p>
	 * The sender chooses the short ids, so their slots come from a multiplier drawn at random for each table: ids
	 * picked to share one run of slots under a fixed hash would otherwise make every insertion walk the whole run,
	 * quadratic in the block's size (a {@code HashMap} turns such a bucket into a tree).
	 */
	static final class ShortIdTable {

		/** No short id: they have 48 bits ({@link ShortTransactionIds}). */
		private static final long EMPTY = Long.MIN_VALUE;

		private static final int NOT_FOUND = -2;

		private final long[] keys;

		private final int[] values;

		private final int mask;

		/** {@code 64 - log2(capacity)}: a slot is the top bits of the product. */
		private final int shift;

		/** Odd, so that multiplying by it loses no bit of the key. */
		private final long multiplier = ThreadLocalRandom.current().nextLong() | 1;

		private int size;

		/** The most ids a table takes: twice as many slots must still be a power of two an {@code int} holds. */
		static final int MAX_EXPECTED = 1 << 29;

		ShortIdTable(int expected) {
			if (expected > MAX_EXPECTED) {
				throw new IllegalArgumentException(
						"a short-id table holds at most " + MAX_EXPECTED + " ids, not " + expected);
			}
			int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
			keys = new long[capacity];
			values = new int[capacity];
			mask = capacity - 1;
			shift = Long.SIZE - Integer.numberOfTrailingZeros(capacity);
			Arrays.fill(keys, EMPTY);
		}

		boolean isEmpty() {
			return size == 0;
		}

		/** Maps {@code shortId} to {@code position}, or to -1 if another position has it already. */
		void putOrMarkShared(long shortId, int position) {
			if (shortId == EMPTY) {
				throw new IllegalArgumentException("a short id has 48 bits, not " + shortId);
			}
			int slot = slotOf(shortId);
			if (keys[slot] == shortId) {
				values[slot] = -1;
				return;
			}
			keys[slot] = shortId;
			values[slot] = position;
			size++;
		}

		/** The position of {@code shortId}, -1 if two positions share it, below -1 if none has it. */
		int get(long shortId) {
			if (shortId == EMPTY) {
				return NOT_FOUND;
			}
			int slot = slotOf(shortId);
			return (keys[slot] == shortId) ? values[slot] : NOT_FOUND;
		}

		/**
		 * The most slots a lookup or insertion can walk past: the longest run of occupied slots (a lookup that starts
		 * at a run's first slot and finds nothing walks all of it), wrapping around the end.
		 */
		int longestProbe() {
			int longest = 0;
			int run = 0;
			for (int i = 0; i < 2 * keys.length && longest < keys.length; i++) {
				run = (keys[i & mask] == EMPTY) ? 0 : run + 1;
				longest = Math.max(longest, run);
			}
			return longest;
		}

		/** Where {@code shortId} is, or the empty slot where it would go. */
		private int slotOf(long shortId) {
			int slot = (int) ((shortId * multiplier) >>> shift);
			while (keys[slot] != shortId && keys[slot] != EMPTY) {
				slot = (slot + 1) & mask;
			}
			return slot;
		}

	}

}
