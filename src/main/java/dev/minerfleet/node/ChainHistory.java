package dev.minerfleet.node;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.node.BlockArrivals.Arrival;
import dev.minerfleet.node.ReorgLog.Reorg;

/**
 * The recent past of this miner's chain, for the live view and any script: the tree's recent window, when each block
 * came and from whom, the reorganisations, and a transaction's way through them.
 */
@Service
public class ChainHistory {

	private final ChainService chain;

	private final BlockArrivals arrivals;

	private final ReorgLog reorgs;

	public ChainHistory(ChainService chain, BlockArrivals arrivals, ReorgLog reorgs) {
		this.chain = chain;
		this.arrivals = arrivals;
		this.reorgs = reorgs;
	}

	/** The top {@code depth} heights of the tree, side branches included, and the latest {@code maxOrphans}. */
	public TreeWindow tree(int depth, int maxOrphans) {
		List<Hash> tips = chain.forks().branchTips();
		return TreeWindow.of(chain.chain(), chain.snapshot(), tips, depth, maxOrphans);
	}

	/** Hears each block's first arrival here, on the thread that recorded it; must be quick. */
	public void onArrival(java.util.function.Consumer<Arrival> listener) {
		arrivals.addListener(listener);
	}

	/** The blocks waiting for an unknown parent, oldest arrival first. */
	public List<dev.minerfleet.chain.Block> orphans() {
		return chain.chain().orphans();
	}

	public Optional<Arrival> arrival(Hash block) {
		return arrivals.of(block);
	}

	public List<Arrival> arrivals(int limit) {
		return arrivals.latest(limit);
	}

	public List<Reorg> reorgs(int limit) {
		return reorgs.latest(limit);
	}

	public TransactionLifecycle lifecycle(Hash id) {
		TransactionStatus status = chain.transactionStatus(id);
		Optional<Arrival> confirming = (status instanceof TransactionStatus.Confirmed confirmed)
				? arrivals.of(confirmed.blockHash()) : Optional.empty();
		return new TransactionLifecycle(id, status, confirming, reorgs.returning(id));
	}

}
