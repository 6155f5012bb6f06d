package dev.minerfleet.node;

import java.util.ArrayList;
import java.util.List;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.AddResult.Extended;
import dev.minerfleet.chain.AddResult.Reorganized;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.ChainListener;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool;
import dev.minerfleet.mempool.Mempool.Admission;

/**
 * The block tree and the mempool kept consistent, as plain Java: every transaction this node has
 * seen is either confirmed on the active chain or pending in the mempool, exactly once (until the
 * mempool's bounds evict it). Blocks that join the active chain take their transactions out of the
 * mempool; blocks a reorganisation disconnects give theirs back, unless the new branch confirms
 * them; blocks on side branches add the transactions the node had not seen.
 */
public final class Ledger {

	private final Blockchain chain;

	private final Mempool mempool;

	private final List<StoredBlock> acceptedDuringAdd = new ArrayList<>();

	private final ForkStatistics forks;

	public Ledger(Blockchain chain, Mempool mempool) {
		this.chain = chain;
		this.mempool = mempool;
		// from the chain's start, before any restored block, so every block of the tree is counted
		this.forks = ForkStatistics.following(chain);
		chain.addListener(new ChainListener() {
			@Override
			public void blockAccepted(StoredBlock block) {
				acceptedDuringAdd.add(block);
			}
		});
	}

	public Blockchain chain() {
		return chain;
	}

	public Mempool mempool() {
		return mempool;
	}

	/** Stale blocks, forks, reorganisation depths and active blocks by finder of this ledger's chain. */
	public ForkStatistics forks() {
		return forks;
	}

	public synchronized AddResult submitBlock(Block block) {
		acceptedDuringAdd.clear();
		AddResult result = chain.add(block);
		ChainSnapshot view = chain.snapshot();
		if (result instanceof Reorganized reorg) {
			mempool.returnToFront(transactionsOf(reorg.disconnected()), id -> isConfirmed(id, view));
			mempool.removeAll(transactionsOf(reorg.connected()));
		}
		else if (result instanceof Extended extended) {
			mempool.removeAll(transactionsOf(extended.connected()));
		}
		for (StoredBlock accepted : acceptedDuringAdd) {
			if (!view.contains(accepted)) {
				for (Transaction tx : accepted.block().transactions()) {
					mempool.add(tx, id -> isConfirmed(id, view));
				}
			}
		}
		acceptedDuringAdd.clear();
		return result;
	}

	public synchronized Admission submitTransaction(Transaction tx) {
		ChainSnapshot view = chain.snapshot();
		return mempool.add(tx, id -> isConfirmed(id, view));
	}

	/**
	 * The tip and the transactions to mine on it, taken together so no candidate is one the tip
	 * already confirms.
	 */
	public synchronized Candidates candidates(int maxCount, long maxBytes) {
		return new Candidates(chain.snapshot(), mempool.candidates(maxCount, maxBytes));
	}

	/** A tip and the pending transactions to build on it. */
	public record Candidates(ChainSnapshot snapshot, List<Transaction> transactions) {
	}

	private boolean isConfirmed(Hash id, ChainSnapshot view) {
		return chain.confirmingBlock(id, view).isPresent();
	}

	private static List<Transaction> transactionsOf(List<StoredBlock> blocks) {
		List<Transaction> all = new ArrayList<>();
		for (StoredBlock block : blocks) {
			all.addAll(block.block().transactions());
		}
		return all;
	}

}
