package dev.minerfleet.chain;

/**
 * The transactions whose id this process has checked against their content, so that an equal copy decoded later
 * is neither hashed nor kept again: the process-wide cache of checked work that Bitcoin Core keeps for
 * signatures. In a local fleet every miner of the JVM decodes its own copy of every transaction it hears, checks its
 * id and keeps it in its mempool and, once confirmed, in its chain: thirty miners hashed and kept every transaction
 * thirty times. With this cache the first miner to admit one to its mempool keeps its instance here; the others
 * decode theirs, find an equal one here ({@link #canonical}) and keep that instead, already checked
 * ({@link #contains}). Each miner still
 * decodes every message and applies every rule of its own; what it shares is an immutable value it would have made
 * equal anyway. Separate processes (the Docker fleet) share nothing.
 *
 * <p>A direct-mapped cache of {@value #SLOTS} slots, as {@link NamePool}: a lookup is a hash and an {@code equals},
 * with no lock. Only a transaction whose id matched its content goes in ({@link #verify}), and a copy is replaced only
 * by an instance equal to it in every field, so a sender cannot make a transaction pass for one it is not; ids that
 * collide in a slot take turns and are then merely checked again. Slots are read and written without
 * synchronisation: a {@code Transaction} is an immutable record, safely published through its final fields.
 */
public final class VerifiedTransactions {

	/**
	 * 32,768 slots: about the last minute of a fleet at 500 transactions a second. The slots keep their transactions
	 * alive: up to 32,768 beyond the mempool's limits, a few MB at the fleet's usual 150 to 250 bytes a transaction,
	 * at most about 40 MB of the largest. A sender can only make a miner hash again by crowding a slot.
	 */
	static final int SLOTS = 1 << 15;

	private static final Transaction[] CHECKED = new Transaction[SLOTS];

	private VerifiedTransactions() {
	}

	/**
	 * An instance equal to {@code tx} whose id was checked, when this process holds one; else {@code tx} itself,
	 * checked or not.
	 */
	public static Transaction canonical(Transaction tx) {
		Transaction checked = CHECKED[slot(tx.id())];
		return (checked != null && checked.equals(tx)) ? checked : tx;
	}

	/** Whether this very instance is held here: its id was checked against its content. */
	public static boolean contains(Transaction tx) {
		return CHECKED[slot(tx.id())] == tx;
	}

	/**
	 * Whether {@code tx}'s id matches its content: true at once for an instance held here, else hashed, and held here
	 * from now on when it matches.
	 */
	public static boolean verify(Transaction tx) {
		if (contains(tx)) {
			return true;
		}
		if (!tx.hasValidId()) {
			return false;
		}
		CHECKED[slot(tx.id())] = tx;
		return true;
	}

	/**
	 * The low bits of the id's hash code, which folds all its words: what is held here is a checked SHA-256, as even
	 * in its bits as a hash gets, so no further mixing (as {@link NamePool} needs for names) would spread it better.
	 */
	static int slot(Hash id) {
		return id.hashCode() & (SLOTS - 1);
	}

}
