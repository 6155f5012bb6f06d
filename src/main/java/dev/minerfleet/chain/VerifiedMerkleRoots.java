package dev.minerfleet.chain;

import java.util.List;
import java.util.function.Function;

/**
 * The merkle roots this process has computed and found equal to what a block's header claims, each with the
 * transactions it was computed over, so that the next miner of the same JVM checking the same block finds the root
 * by comparing ids instead of hashing the tree again: the merkle-root counterpart of {@link VerifiedTransactions}. In
 * a local fleet every miner rebuilds every block it receives and checks its root; with thirty miners the same tree of
 * a block of 1,000 transactions (about 160 µs of hashing) was hashed thirty times. Each miner still checks its own
 * block against every rule; what it shares is a value it would have computed equal anyway. Separate processes (the
 * Docker fleet) share nothing.
 *
 * <p>
 * A direct-mapped cache of {@value #SLOTS} slots keyed by the root: the last few blocks, which every miner of a fleet
 * receives within milliseconds of one another. Only a root that matched its header's claim goes in, with the
 * very (immutable) list it was computed over; a later list gets that root only when its ids equal the kept ones one
 * by one, in order: equal leaves, so an equal root, and no sender can make a block pass for a root its transactions
 * do not have. Roots that collide in a slot take turns and are then merely hashed again. Slots are read and written
 * without synchronisation: an entry is an immutable record of immutable values, safely published through its final
 * fields.
 */
public final class VerifiedMerkleRoots {

	/**
	 * 16 slots: the last several seconds of a fleet's blocks. The slots keep their transaction lists alive, at most
	 * 16 blocks' worth: 32 MB of the largest at the default 2 MB block limit, usually a few hundred KB. The slot comes
	 * from the claimed root, which a sender chooses, so a sender can keep up to 16 blocks it sent alive here (blocks
	 * whose root matched but that failed a later rule included), less than the orphan pool holds, or make a miner hash
	 * again by crowding a slot.
	 */
	static final int SLOTS = 16;

	/** A root and the transactions it was computed over. */
	private record Computed(Hash root, List<Transaction> transactions) {
	}

	private static final Computed[] COMPUTED = new Computed[SLOTS];

	private VerifiedMerkleRoots() {
	}

	/**
	 * The merkle root of {@code transactions}: {@code claimed} itself, without hashing, when this process computed it
	 * over equal ids; otherwise computed, and kept here when it equals {@code claimed}.
	 */
	public static Hash rootOf(List<Transaction> transactions, Hash claimed) {
		return rootOf(transactions, claimed, MerkleRoot::of);
	}

	static Hash rootOf(List<Transaction> transactions, Hash claimed, Function<List<Transaction>, Hash> merkleRoot) {
		int slot = slot(claimed);
		Computed computed = COMPUTED[slot];
		if (computed != null && computed.root().equals(claimed) && sameIds(computed.transactions(), transactions)) {
			return claimed;
		}
		Hash root = merkleRoot.apply(transactions);
		if (!root.equals(claimed)) {
			return root;
		}
		// a block's list is immutable already: copyOf keeps it as it is
		COMPUTED[slot] = new Computed(claimed, List.copyOf(transactions));
		return claimed;
	}

	/** The low bits of the root's hash code: a checked SHA-256 is as even in its bits as a hash gets. */
	static int slot(Hash root) {
		return root.hashCode() & (SLOTS - 1);
	}

	private static boolean sameIds(List<Transaction> kept, List<Transaction> transactions) {
		if (kept.size() != transactions.size()) {
			return false;
		}
		for (int i = 0; i < kept.size(); i++) {
			Transaction one = kept.get(i);
			Transaction other = transactions.get(i);
			// the fleet's miners share one checked instance of a transaction (VerifiedTransactions): mostly the same
			if (one != other && !one.id().equals(other.id())) {
				return false;
			}
		}
		return true;
	}

}
