package dev.minerfleet.chain;

/**
 * Hears changes of the active chain, after they happened, on the thread that added the block. Keep
 * it quick: mining restarts, metrics count, views refresh.
 */
public interface ChainListener {

	/** A valid block joined the tree (any branch); called before any tip change it causes. */
	default void blockAccepted(StoredBlock block) {
	}

	/** The tip changed, by extension or by reorganisation. */
	default void tipChanged(TipChanged event) {
	}

	/** The active chain switched branch; {@link #tipChanged} is called too. */
	default void reorganized(ChainReorganized event) {
	}

	record TipChanged(StoredBlock oldTip, StoredBlock newTip) {
	}

	record ChainReorganized(int depth, StoredBlock oldTip, StoredBlock newTip, StoredBlock forkPoint) {
	}

}
