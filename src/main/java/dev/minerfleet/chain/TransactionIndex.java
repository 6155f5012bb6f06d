package dev.minerfleet.chain;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * A transaction id to the valid blocks, on any branch, that hold it, in the order they were stored. Read from any
 * thread without a lock; written by the chain's single writer.
 *
 * <p>
 * Every miner indexes every transaction it stores, hundreds a second in a fleet, and the index lives as long as the
 * chain. As a {@code ConcurrentHashMap} each of them was a node the young collector copied, and a reference written
 * into a table in the old generation: the collector then scanned every card of the table such a write had dirtied,
 * most of a young pause with 30 miners in one JVM (docs/benchmarks.md, round 8). Here nothing but the stored blocks
 * is an object: an entry is two longs in one array, the id's first eight bytes and where the transaction is (the
 * block's number in this index and the transaction's position in it), and the collector never looks inside a
 * {@code long[]}. A first-eight-bytes match is confirmed against the transaction itself, so two ids that share them
 * are told apart as in any map.
 *
 * <p>
 * Open addressing with linear probing, at most half full; a slot is the top bits of the id's first eight bytes times
 * a multiplier drawn per index, so a sender cannot make ids that pile into one run of slots in every miner. An id
 * held on several branches has one entry per block; entries are never removed, so the entries of one id lie in the
 * order they were stored along its run of slots, and a larger table keeps that order. A reader sees an entry only
 * once it is complete: the writer writes its location last, with release semantics, and readers read it with
 * acquire; a larger table is filled before it is published.
 */
final class TransactionIndex {

	private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

	/** The most entries: twice as many slots, two longs each, must still fit one array. */
	static final int MAX_ENTRIES = 1 << 28;

	/** An empty slot's location: a location counts blocks from 1. */
	private static final long EMPTY = 0;

	/** Odd, so that multiplying by it loses no bit of the id. */
	private final long multiplier;

	/** Pairs: the first eight bytes of an id, then the location of its transaction ({@link #location}). */
	private volatile long[] slots = new long[2 * 1024];

	/** The indexed blocks by number; a reader finds every block an entry it read points to. */
	private volatile StoredBlock[] blocks = new StoredBlock[64];

	private int blockCount;

	private int size;

	TransactionIndex() {
		this(ThreadLocalRandom.current().nextLong());
	}

	/** An index whose slots come from {@code multiplier} (made odd), for tests that need to know where ids go. */
	TransactionIndex(long multiplier) {
		this.multiplier = multiplier | 1;
	}

	/**
	 * Indexes every transaction of {@code stored}. Throws before changing anything when the index is full or a larger
	 * table cannot be had.
	 */
	void add(StoredBlock stored) {
		List<Transaction> transactions = stored.block().transactions();
		if ((long) size + transactions.size() > MAX_ENTRIES) {
			throw new IllegalStateException("a transaction index holds at most " + MAX_ENTRIES + " transactions");
		}
		long[] table = slots;
		long needed = 2L * (size + transactions.size());
		if (needed > table.length / 2) {
			table = grown(table, needed);
		}
		int number = blockCount;
		StoredBlock[] current = blocks;
		if (number == current.length) {
			current = Arrays.copyOf(current, number * 2);
		}
		current[number] = stored;
		blocks = current;
		slots = table;
		blockCount++;
		for (int position = 0; position < transactions.size(); position++) {
			insert(table, transactions.get(position).id().littleEndianLong(0), location(number, position));
		}
		size += transactions.size();
	}

	/**
	 * The first block holding {@code id}, in the order stored, that passes {@code test}; allocates nothing when there
	 * is none.
	 */
	Optional<StoredBlock> first(Hash id, Predicate<StoredBlock> test) {
		long[] table = slots;
		long key = id.littleEndianLong(0);
		int capacity = table.length / 2;
		for (int slot = home(key, capacity);; slot = (slot + 1) & (capacity - 1)) {
			long location = (long) LONGS.getAcquire(table, 2 * slot + 1);
			if (location == EMPTY) {
				return Optional.empty();
			}
			if (table[2 * slot] == key) {
				StoredBlock block = holder(location, id);
				if (block != null && test.test(block)) {
					return Optional.of(block);
				}
			}
		}
	}

	/** Every block holding {@code id}, in the order stored. */
	List<StoredBlock> all(Hash id) {
		long[] table = slots;
		long key = id.littleEndianLong(0);
		int capacity = table.length / 2;
		List<StoredBlock> holders = null;
		for (int slot = home(key, capacity);; slot = (slot + 1) & (capacity - 1)) {
			long location = (long) LONGS.getAcquire(table, 2 * slot + 1);
			if (location == EMPTY) {
				break;
			}
			if (table[2 * slot] == key) {
				StoredBlock block = holder(location, id);
				if (block != null) {
					holders = (holders == null) ? new ArrayList<>(2) : holders;
					holders.add(block);
				}
			}
		}
		return (holders == null) ? List.of() : List.copyOf(holders);
	}

	/** How many transactions are indexed, counting one per block holding it. */
	int size() {
		return size;
	}

	/** The block {@code location} points to, if the transaction there has {@code id}; null otherwise. */
	private StoredBlock holder(long location, Hash id) {
		StoredBlock block = blocks[(int) (location >>> 32) - 1];
		return block.block().transactions().get((int) location).id().equals(id) ? block : null;
	}

	/** Block numbers count from 1, so that no location is {@link #EMPTY}. */
	private static long location(int blockNumber, int position) {
		return ((long) (blockNumber + 1) << 32) | position;
	}

	/** The top bits of the product, as many as {@code capacity} (a power of two, at least 2) has slots. */
	private int home(long key, int capacity) {
		return (int) ((key * multiplier) >>> (Long.numberOfLeadingZeros(capacity) + 1));
	}

	/**
	 * Puts an entry into the first free slot of its run. The location goes last, with release: a reader that sees
	 * it sees the key. In a table not yet shared that costs nothing a reader could notice.
	 */
	private void insert(long[] table, long key, long location) {
		int capacity = table.length / 2;
		int slot = home(key, capacity);
		while (table[2 * slot + 1] != EMPTY) {
			slot = (slot + 1) & (capacity - 1);
		}
		table[2 * slot] = key;
		LONGS.setRelease(table, 2 * slot + 1, location);
	}

	/**
	 * A table of at least {@code needed} slots holding the entries of {@code table}, filled before it is shared. The
	 * copy starts just after an empty slot and goes round, so it takes each run of slots from its start, and the
	 * entries of one id keep their order.
	 */
	private long[] grown(long[] table, long needed) {
		int capacity = table.length / 2;
		int newCapacity = Integer.highestOneBit((int) Math.max(needed - 1, 2L * capacity - 1)) << 1;
		long[] larger = new long[2 * newCapacity];
		int start = 0;
		while (table[2 * start + 1] != EMPTY) {
			start++;
		}
		for (int i = 1; i <= capacity; i++) {
			int slot = (start + i) & (capacity - 1);
			long location = table[2 * slot + 1];
			if (location != EMPTY) {
				insert(larger, table[2 * slot], location);
			}
		}
		return larger;
	}

}
