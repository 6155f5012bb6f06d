package dev.minerfleet.mempool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.chain.VerifiedTransactions;

/**
 * Pending transactions: de-duplicated by id, in arrival order, bounded in count and bytes (the
 * oldest is evicted first, and counted). Transactions given back by a reorganisation go to the
 * front, since they are older than anything that arrived since. Thread-safe.
 *
 * <p>
 * Coins ({@link Transaction#coin()}): several pending transactions may spend one coin (first seen,
 * first mined), but none whose coin the active chain has spent, when the caller says which coins are
 * spent. A pending spend that loses to a confirmed spend of its coin is dropped and counted
 * ({@link #doubleSpendsDropped()}), and kept aside (at most {@value #MAX_DROPPED_SPENDS}, the oldest
 * forgotten first) in case a reorganisation takes the winning spend off the chain again
 * ({@link #restoreSpendsOf}).
 */
public final class Mempool {

	/** What became of a transaction offered to the pool. */
	public enum Admission {

		ADDED, DUPLICATE, ALREADY_CONFIRMED, INVALID_ID, COINBASE,
		/** Its coin is spent on the active chain by another transaction. */
		COIN_ALREADY_SPENT;

		public boolean isAdded() {
			return this == ADDED;
		}

	}

	/** Most dropped double spends kept aside for a reorganisation that revives their coin. */
	public static final int MAX_DROPPED_SPENDS = 10_000;

	private static final Predicate<String> NO_COIN_SPENT = coin -> false;

	private final int maxCount;

	private final long maxBytes;

	/**
	 * The entries in arrival order, linked through {@link Entry#previous} and {@link Entry#next}: the oldest first;
	 * reorgs insert before it. Adding at either end and taking out by id are O(1), where a tree keyed by order walked
	 * a path of boxed keys for every transaction that arrived (the hottest line of a 30-miner fleet's profile).
	 */
	private Entry head;

	private Entry tail;

	/** The same entries by transaction id: one lookup answers {@link #holds}, for every transaction of a block. */
	private final Map<Hash, Entry> byId = new HashMap<>();

	/** Order numbers, for sorting a coin's spends: lower is older; the back counts up, the front down. */
	private long nextBack = 0;

	private long nextFront = -1;

	private long bytes;

	private long evicted;

	/** Coin to the ids of the pending transactions spending it. */
	private final Map<String, Set<Hash>> pendingByCoin = new HashMap<>();

	/** Dropped double spends, oldest first. */
	private final LinkedHashMap<Hash, Transaction> droppedSpends = new LinkedHashMap<>();

	private long doubleSpendsDropped;

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
		return add(tx, confirmed, NO_COIN_SPENT);
	}

	/**
	 * Offers a transaction that just arrived, refusing it when its coin is spent
	 * ({@link Admission#COIN_ALREADY_SPENT}); a refused transaction is forgotten.
	 * @param confirmed whether an id is confirmed on the active chain
	 * @param coinSpent whether a coin is spent on the active chain
	 */
	public synchronized Admission add(Transaction tx, Predicate<Hash> confirmed, Predicate<String> coinSpent) {
		return add(tx, confirmed, coinSpent, false);
	}

	private Admission add(Transaction tx, Predicate<Hash> confirmed, Predicate<String> coinSpent, boolean fromBlock) {
		Admission admission = admissible(tx, confirmed, coinSpent);
		if (admission.isAdded()) {
			insert(tx, nextBack++, fromBlock);
			evictOverflow();
		}
		return admission;
	}

	/**
	 * Puts back the transactions of blocks a reorganisation disconnected, ahead of everything else
	 * and in their block order, except those the new active chain confirms.
	 */
	public synchronized void returnToFront(List<Transaction> transactions, Predicate<Hash> confirmed) {
		returnToFront(transactions, confirmed, NO_COIN_SPENT);
	}

	/**
	 * Puts back the transactions of blocks a reorganisation disconnected, as {@link #returnToFront(List, Predicate)},
	 * except also those whose coin the new active chain spent: the other spend won, these are dropped as double
	 * spends.
	 */
	public synchronized void returnToFront(List<Transaction> transactions, Predicate<Hash> confirmed,
			Predicate<String> coinSpent) {
		for (int i = transactions.size() - 1; i >= 0; i--) {
			Transaction tx = transactions.get(i);
			Admission admission = admissible(tx, confirmed, coinSpent);
			if (admission.isAdded()) {
				insert(tx, nextFront--, true);
			}
			else if (admission == Admission.COIN_ALREADY_SPENT) {
				dropAsDoubleSpend(tx);
			}
		}
		evictOverflow();
	}

	/**
	 * Offers a transaction seen in a block of a side branch: added at the back as {@link #add(Transaction, Predicate,
	 * Predicate)} does, but one whose coin the active chain spent is kept aside with the dropped double spends, since
	 * the node has seen it in a valid block; it was never pending, so it is not counted.
	 */
	public synchronized Admission addFromSideBranch(Transaction tx, Predicate<Hash> confirmed,
			Predicate<String> coinSpent) {
		Admission admission = add(tx, confirmed, coinSpent, true);
		if (admission == Admission.COIN_ALREADY_SPENT) {
			keepAside(tx);
		}
		return admission;
	}

	/**
	 * Drops every pending transaction that spends a coin one of {@code confirmedTransactions} spends, other than
	 * those themselves: a new block of the active chain spent the coin. Returns how many were dropped.
	 */
	public synchronized int dropSpendsOf(Collection<Transaction> confirmedTransactions) {
		int dropped = 0;
		for (Transaction confirmedTx : confirmedTransactions) {
			Optional<String> coin = confirmedTx.coin();
			if (coin.isEmpty()) {
				continue;
			}
			Set<Hash> spends = pendingByCoin.get(coin.get());
			if (spends == null) {
				continue;
			}
			for (Hash id : List.copyOf(spends)) {
				if (!id.equals(confirmedTx.id())) {
					Transaction loser = remove(id);
					dropAsDoubleSpend(loser);
					dropped++;
				}
			}
		}
		return dropped;
	}

	/**
	 * Offers again, at the back and oldest first, the dropped double spends of these coins: a reorganisation took
	 * the block that spent them off the active chain. Those still refused for a spent coin stay aside; the others
	 * (added, or confirmed meanwhile) leave the store.
	 */
	public synchronized void restoreSpendsOf(Collection<String> coins, Predicate<Hash> confirmed,
			Predicate<String> coinSpent) {
		List<Transaction> revived = new ArrayList<>();
		for (Transaction tx : droppedSpends.values()) {
			if (tx.coin().filter(coins::contains).isPresent()) {
				revived.add(tx);
			}
		}
		for (Transaction tx : revived) {
			Admission admission = admissible(tx, confirmed, coinSpent);
			if (admission == Admission.COIN_ALREADY_SPENT) {
				continue;
			}
			droppedSpends.remove(tx.id());
			if (admission.isAdded()) {
				// a dropped spend came loose, as the others may have had it
				insert(tx, nextBack++, false);
			}
		}
		evictOverflow();
	}

	private void dropAsDoubleSpend(Transaction tx) {
		doubleSpendsDropped++;
		keepAside(tx);
	}

	private void keepAside(Transaction tx) {
		droppedSpends.remove(tx.id());
		droppedSpends.put(tx.id(), tx);
		while (droppedSpends.size() > MAX_DROPPED_SPENDS) {
			Iterator<Hash> oldest = droppedSpends.keySet().iterator();
			oldest.next();
			oldest.remove();
		}
	}

	private Admission admissible(Transaction tx, Predicate<Hash> confirmed, Predicate<String> coinSpent) {
		if (tx.isCoinbase()) {
			return Admission.COINBASE;
		}
		if (byId.containsKey(tx.id())) {
			return Admission.DUPLICATE;
		}
		if (!VerifiedTransactions.verify(tx)) {
			return Admission.INVALID_ID;
		}
		if (confirmed.test(tx.id())) {
			return Admission.ALREADY_CONFIRMED;
		}
		Optional<String> coin = tx.coin();
		if (coin.isPresent() && coinSpent.test(coin.get())) {
			return Admission.COIN_ALREADY_SPENT;
		}
		return Admission.ADDED;
	}

	private void insert(Transaction tx, long order, boolean fromBlock) {
		Entry entry = new Entry(tx, tx.size(), order, fromBlock);
		link(entry);
		byId.put(tx.id(), entry);
		bytes += entry.size();
		tx.coin().ifPresent(coin -> pendingByCoin.computeIfAbsent(coin, key -> new LinkedHashSet<>()).add(tx.id()));
	}

	/** Links {@code entry} in as the newest, or as the oldest when it has a front order number (below 0). */
	private void link(Entry entry) {
		if (entry.order() >= 0) {
			entry.previous = tail;
			if (tail == null) {
				head = entry;
			}
			else {
				tail.next = entry;
			}
			tail = entry;
		}
		else {
			entry.next = head;
			if (head == null) {
				tail = entry;
			}
			else {
				head.previous = entry;
			}
			head = entry;
		}
	}

	private void unlink(Entry entry) {
		if (entry.previous == null) {
			head = entry.next;
		}
		else {
			entry.previous.next = entry.next;
		}
		if (entry.next == null) {
			tail = entry.previous;
		}
		else {
			entry.next.previous = entry.previous;
		}
		entry.previous = null;
		entry.next = null;
	}

	/** Takes a pooled transaction out; returns it. */
	private Transaction remove(Hash id) {
		Entry entry = byId.remove(id);
		unlink(entry);
		bytes -= entry.size();
		forgetCoin(entry.transaction());
		return entry.transaction();
	}

	private void forgetCoin(Transaction tx) {
		Optional<String> coin = tx.coin();
		if (coin.isPresent()) {
			Set<Hash> spends = pendingByCoin.get(coin.get());
			spends.remove(tx.id());
			if (spends.isEmpty()) {
				pendingByCoin.remove(coin.get());
			}
		}
	}

	private void evictOverflow() {
		while (byId.size() > maxCount || bytes > maxBytes) {
			Entry first = head;
			unlink(first);
			byId.remove(first.transaction().id());
			bytes -= first.size();
			forgetCoin(first.transaction());
			evicted++;
		}
	}

	/**
	 * Removes these transactions (those a new block confirmed), from the pool and from the dropped double spends;
	 * returns how many were pending.
	 */
	public synchronized int removeAll(Collection<Transaction> confirmedTransactions) {
		int removed = 0;
		for (Transaction tx : confirmedTransactions) {
			droppedSpends.remove(tx.id());
			if (byId.containsKey(tx.id())) {
				remove(tx.id());
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
		return candidates(count, maxTotalBytes, false);
	}

	/**
	 * The transactions for a new block, oldest first, as many as fit: stops at the first that would exceed either
	 * limit.
	 * @param oneSpendPerCoin skip every spend of a coin after the oldest pending one (the double-spend rule is on)
	 */
	public synchronized List<Transaction> candidates(int count, long maxTotalBytes, boolean oneSpendPerCoin) {
		List<Transaction> chosen = new ArrayList<>(Math.min(count, byId.size()));
		Set<String> coins = new HashSet<>();
		long total = 0;
		for (Entry entry = head; entry != null; entry = entry.next) {
			if (chosen.size() == count || total + entry.size() > maxTotalBytes) {
				break;
			}
			Optional<String> coin = entry.transaction().coin();
			if (oneSpendPerCoin && coin.isPresent() && !coins.add(coin.get())) {
				continue;
			}
			chosen.add(entry.transaction());
			total += entry.size();
		}
		return chosen;
	}

	/** The pending transactions spending {@code coin}, oldest first. */
	public synchronized List<Transaction> spendsOf(String coin) {
		return pendingByCoin.getOrDefault(coin, Set.of())
			.stream()
			.map(byId::get)
			.sorted(Comparator.comparingLong(Entry::order))
			.map(Entry::transaction)
			.toList();
	}

	/** A dropped double spend still kept aside, by id. */
	public synchronized Optional<Transaction> findDropped(Hash id) {
		return Optional.ofNullable(droppedSpends.get(id));
	}

	/**
	 * The ids, among {@code transactions}, of those this pool holds because it took them from a block, a
	 * reorganisation giving them back or a block of a side branch, rather than loose. Other miners may never have had
	 * them loose either: made by a miner cut off from them, they reached others only in that miner's blocks.
	 */
	public synchronized Set<Hash> takenFromBlocks(Collection<Transaction> transactions) {
		Set<Hash> ids = new HashSet<>();
		for (Transaction tx : transactions) {
			Entry entry = byId.get(tx.id());
			if (entry != null && entry.fromBlock()) {
				ids.add(tx.id());
			}
		}
		return ids;
	}

	/**
	 * The loose transactions {@code origin} made at or before {@code createdBy} (epoch milliseconds, its own clock),
	 * in the pool's order (the longest held first), at most {@code max}: those still pending although they have had
	 * time to reach a block. Those this pool took from blocks are left out: they travelled in a block once, and go
	 * whole in this miner's next compact block ({@link #takenFromBlocks}).
	 */
	public synchronized List<Transaction> lingering(String origin, long createdBy, int max) {
		List<Transaction> found = new ArrayList<>();
		for (Entry entry = head; entry != null; entry = entry.next) {
			if (found.size() == max) {
				break;
			}
			Transaction tx = entry.transaction();
			if (!entry.fromBlock() && tx.createdAt() <= createdBy && tx.origin().equals(origin)) {
				found.add(tx);
			}
		}
		return found;
	}

	/** The pending transactions, oldest first: a copy. */
	public synchronized List<Transaction> transactions() {
		List<Transaction> all = new ArrayList<>(byId.size());
		for (Entry entry = head; entry != null; entry = entry.next) {
			all.add(entry.transaction());
		}
		return Collections.unmodifiableList(all);
	}

	public synchronized Optional<Transaction> find(Hash id) {
		Entry entry = byId.get(id);
		return (entry == null) ? Optional.empty() : Optional.of(entry.transaction());
	}

	/**
	 * Whether this mempool holds {@code tx}, the very object, not only an equal one. Every way into the mempool checks
	 * a transaction's id against its content first, so such an object's id is known to match.
	 */
	public synchronized boolean holds(Transaction tx) {
		Entry entry = byId.get(tx.id());
		return entry != null && entry.transaction() == tx;
	}

	public synchronized boolean contains(Hash id) {
		return byId.containsKey(id);
	}

	public synchronized int size() {
		return byId.size();
	}

	public synchronized long bytes() {
		return bytes;
	}

	/** Transactions dropped because the pool was full. */
	public synchronized long evicted() {
		return evicted;
	}

	/**
	 * Transactions dropped because another spend of their coin joined the active chain: pending ones a new block
	 * outbid, and ones a reorganisation took off the active chain while putting another spend of their coin on it.
	 */
	public synchronized long doubleSpendsDropped() {
		return doubleSpendsDropped;
	}

	/**
	 * A pooled transaction and its canonical size, computed once, linked to its neighbours in the pool's order.
	 * {@code order}: lower is older. {@code fromBlock}: whether it came from a block (given back by a reorganisation,
	 * or seen in a block of a side branch) rather than loose: from the network, made here, or a dropped spend revived.
	 */
	private static final class Entry {

		private final Transaction transaction;

		private final int size;

		private final long order;

		private final boolean fromBlock;

		private Entry previous;

		private Entry next;

		Entry(Transaction transaction, int size, long order, boolean fromBlock) {
			this.transaction = transaction;
			this.size = size;
			this.order = order;
			this.fromBlock = fromBlock;
		}

		Transaction transaction() {
			return transaction;
		}

		int size() {
			return size;
		}

		long order() {
			return order;
		}

		boolean fromBlock() {
			return fromBlock;
		}

	}

}
