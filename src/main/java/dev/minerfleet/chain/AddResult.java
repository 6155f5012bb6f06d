package dev.minerfleet.chain;

import java.util.List;

import dev.minerfleet.chain.validation.Violation;

/**
 * What adding one block did. Consensus failures are results, not exceptions. When a block lets
 * waiting orphans connect, the result covers the whole cascade: {@link Extended} and
 * {@link Reorganized} list every block that joined the active chain.
 */
public sealed interface AddResult {

	/** The tip moved forward; {@code connected} joined the active chain, oldest first. */
	record Extended(List<StoredBlock> connected) implements AddResult {

		public Extended {
			connected = List.copyOf(connected);
		}

		public StoredBlock newTip() {
			return connected.get(connected.size() - 1);
		}

	}

	/**
	 * The active chain switched branch at {@code forkPoint}: {@code disconnected} left it and
	 * {@code connected} joined it, both oldest first.
	 */
	record Reorganized(StoredBlock forkPoint, List<StoredBlock> disconnected,
			List<StoredBlock> connected) implements AddResult {

		public Reorganized {
			disconnected = List.copyOf(disconnected);
			connected = List.copyOf(connected);
		}

		/** How many blocks left the active chain. */
		public int depth() {
			return disconnected.size();
		}

		public StoredBlock oldTip() {
			return disconnected.get(disconnected.size() - 1);
		}

		public StoredBlock newTip() {
			return connected.get(connected.size() - 1);
		}

	}

	/** Valid and stored on a branch with no more work than the active chain. */
	record SideChain(StoredBlock block) implements AddResult {
	}

	/** Parent unknown: the block waits in the orphan pool. */
	record Orphaned(Hash hash, Hash missingParent) implements AddResult {
	}

	/** Already in the tree or in the orphan pool. */
	record Duplicate(Hash hash) implements AddResult {
	}

	/** Invalid; nothing changed. */
	record Rejected(Hash hash, Violation violation) implements AddResult {
	}

}
