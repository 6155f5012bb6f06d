package dev.minerfleet.mempool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Transaction;

/**
 * Pending transactions: de-duplicated by id, in arrival order, bounded in count and bytes (the
 * oldest is evicted first, and counted). Transactions given back by a reorganisation go to the
 * front, since they are older than anything that arrived since. Thread-safe.
 */
public final class Mempool {

	/** What became of a transaction offered to the pool. */
	public enum Admission {

		ADDED, DUPLICATE, ALREADY_CONFIRMED, INVALID_ID, COINBASE;

		public boolean isAdded() {
			return this == ADDED;
		}

	}

	private final int maxCount;

	private final long maxBytes;

	/** Arrival order: lower keys are older. Reorgs insert below the lowest key. */
	private final TreeMap<Long, Entry> byOrder = new TreeMap<>();

	private final Map<Hash, Long> orderById = new HashMap<>();

	private long nextBack = 0;

	private long nextFront = -1;

	private long bytes;

	private long evicted;

	public Mempool(int maxCount, long maxBytes) {
		if (maxCount < 1 || maxBytes < 1) {
			throw new IllegalArgumentException("mempool limits must be positive");
		}
		this.maxCount = maxCount;
		this.maxBytes = maxBytes;
	}

	/**
	 * Offers a transaction that just arrived.
	 * @param confirmed whether an id is confirmed on the active chain
	 */
	public synchronized Admission add(Transaction tx, Predicate<Hash> confirmed) {
		Admission admission = admissible(tx, confirmed);
		if (admission.isAdded()) {
			insert(tx, nextBack++);
			evictOverflow();
		}
		return admission;
	}

	/**
	 * Puts back the transactions of blocks a reorganisation disconnected, ahead of everything else
	 * and in their block order, except those the new active chain confirms.
	 */
	public synchronized void returnToFront(List<Transaction> transactions, Predicate<Hash> confirmed) {
		for (int i = transactions.size() - 1; i >= 0; i--) {
			Transaction tx = transactions.get(i);
			if (admissible(tx, confirmed).isAdded()) {
				insert(tx, nextFront--);
			}
		}
		evictOverflow();
	}

	private Admission admissible(Transaction tx, Predicate<Hash> confirmed) {
		if (tx.isCoinbase()) {
			return Admission.COINBASE;
		}
		if (orderById.containsKey(tx.id())) {
			return Admission.DUPLICATE;
		}
		if (!tx.hasValidId()) {
			return Admission.INVALID_ID;
		}
		if (confirmed.test(tx.id())) {
			return Admission.ALREADY_CONFIRMED;
		}
		return Admission.ADDED;
	}

	private void insert(Transaction tx, long order) {
		Entry entry = new Entry(tx, tx.size());
		byOrder.put(order, entry);
		orderById.put(tx.id(), order);
		bytes += entry.size();
	}

	private void evictOverflow() {
		while (byOrder.size() > maxCount || bytes > maxBytes) {
			Entry oldest = byOrder.pollFirstEntry().getValue();
			orderById.remove(oldest.transaction().id());
			bytes -= oldest.size();
			evicted++;
		}
	}

	/** Removes these transactions (those a new block confirmed); returns how many were here. */
	public synchronized int removeAll(Collection<Transaction> confirmedTransactions) {
		int removed = 0;
		for (Transaction tx : confirmedTransactions) {
			Long order = orderById.remove(tx.id());
			if (order != null) {
				bytes -= byOrder.remove(order).size();
				removed++;
			}
		}
		return removed;
	}

	/**
	 * The transactions for a new block, oldest first, as many as fit: stops at the first that
	 * would exceed either limit.
	 */
	public synchronized List<Transaction> candidates(int count, long maxTotalBytes) {
		List<Transaction> chosen = new ArrayList<>(Math.min(count, byOrder.size()));
		long total = 0;
		for (Entry entry : byOrder.values()) {
			if (chosen.size() == count || total + entry.size() > maxTotalBytes) {
				break;
			}
			chosen.add(entry.transaction());
			total += entry.size();
		}
		return chosen;
	}

	public synchronized List<Transaction> transactions() {
		return byOrder.values().stream().map(Entry::transaction).toList();
	}

	public synchronized Optional<Transaction> find(Hash id) {
		Long order = orderById.get(id);
		return (order == null) ? Optional.empty() : Optional.of(byOrder.get(order).transaction());
	}

	public synchronized boolean contains(Hash id) {
		return orderById.containsKey(id);
	}

	public synchronized int size() {
		return byOrder.size();
	}

	public synchronized long bytes() {
		return bytes;
	}

	/** Transactions dropped because the pool was full. */
	public synchronized long evicted() {
		return evicted;
	}

	/** A pooled transaction and its canonical size, computed once. */
	private record Entry(Transaction transaction, int size) {
	}

}
