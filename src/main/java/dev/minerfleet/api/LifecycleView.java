package dev.minerfleet.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.node.ReorgLog.Reorg;
import dev.minerfleet.node.TransactionLifecycle;
import dev.minerfleet.node.TransactionStatus;

/**
 * One transaction as this miner saw it: where it stands now (the fields of GET /transactions/{id}, {@code null} where
 * they do not apply), when the block confirming it came, and the reorganisations that gave it back to the mempool.
 *
 * @param status {@code pending}, {@code confirmed}, {@code dropped} or {@code unknown}
 * @param confirmingBlock the arrival here of the block confirming it, when known
 * @param returnedBy the recorded reorganisations that returned it to the mempool, newest first
 */
public record LifecycleView(String id, String minerId, String status, @Nullable TransactionView transaction,
		@Nullable String blockHash, @Nullable Integer height, @Nullable Integer confirmations,
		@Nullable String spentBy, @Nullable ArrivalView confirmingBlock, List<Return> returnedBy) {

	/**
	 * A reorganisation that gave the transaction back.
	 * @param block the block taken off that held it
	 * @param height that block's height
	 */
	public record Return(long at, int depth, int forkPointHeight, String block, int height) {

		static Return of(Reorg reorg, StoredBlock block) {
			return new Return(reorg.at(), reorg.depth(), reorg.forkPoint().height(), block.hash().hex(),
					block.height());
		}

	}

	static LifecycleView of(String minerId, TransactionLifecycle lifecycle) {
		List<Return> returns = lifecycle.returnedBy()
			.stream()
			.flatMap(reorg -> reorg.disconnectedBlockOf(lifecycle.id()).map(block -> Return.of(reorg, block)).stream())
			.toList();
		ArrivalView arrival = lifecycle.confirmingBlock().map(ArrivalView::of).orElse(null);
		String id = lifecycle.id().hex();
		TransactionStatus status = lifecycle.status();
		if (status instanceof TransactionStatus.Confirmed confirmed) {
			return new LifecycleView(id, minerId, TransactionStatusView.CONFIRMED,
					TransactionView.of(confirmed.transaction()), confirmed.blockHash().hex(), confirmed.height(),
					confirmed.confirmations(), null, arrival, returns);
		}
		if (status instanceof TransactionStatus.Pending pending) {
			return new LifecycleView(id, minerId, TransactionStatusView.PENDING,
					TransactionView.of(pending.transaction()), null, null, null, null, null, returns);
		}
		if (status instanceof TransactionStatus.Dropped dropped) {
			return new LifecycleView(id, minerId, TransactionStatusView.DROPPED,
					TransactionView.of(dropped.transaction()), null, null, null, dropped.spentBy().id().hex(), null,
					returns);
		}
		return new LifecycleView(id, minerId, TransactionStatusView.UNKNOWN, null, null, null, null, null, null,
				returns);
	}

}
