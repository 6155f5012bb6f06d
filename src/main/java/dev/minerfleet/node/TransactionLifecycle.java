package dev.minerfleet.node;

import java.util.List;
import java.util.Optional;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.node.BlockArrivals.Arrival;
import dev.minerfleet.node.ReorgLog.Reorg;

/**
 * One transaction as this miner saw it: where it stands now, when the block confirming it came here, and the
 * recorded reorganisations that gave it back to the mempool.
 *
 * @param status pending, confirmed, dropped or unknown, as {@link ChainService#transactionStatus}
 * @param confirmingBlock the arrival here of the block that confirms it, when it is confirmed and the block's
 * arrival is still recorded
 * @param returnedBy reorganisations that took a block holding it off the active chain without confirming it on
 * the new branch, newest first
 */
public record TransactionLifecycle(Hash id, TransactionStatus status, Optional<Arrival> confirmingBlock,
		List<Reorg> returnedBy) {

	public TransactionLifecycle {
		returnedBy = List.copyOf(returnedBy);
	}

}
