package dev.minerfleet.node;

import dev.minerfleet.chain.StoredBlock;

/**
 * Tells other miners the tip of this miner's active chain, so that a miner that missed blocks learns whom to sync
 * from without waiting for the next block. Messaging implements it; the tips of others come to {@link SyncService}.
 */
public interface TipPublisher {

	/**
	 * Announces {@code tip} to every miner. Never throws.
	 * @return whether the announcement went out: false while the broker is unreachable
	 */
	boolean announce(StoredBlock tip);

	/**
	 * Answers {@code peer}'s announcement with {@code tip}, which has more work than the peer's. Never throws.
	 * @return whether the answer went out
	 */
	boolean answer(String peer, StoredBlock tip);

}
