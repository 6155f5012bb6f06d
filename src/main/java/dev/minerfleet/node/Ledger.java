package dev.minerfleet.node;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.AddResult.Extended;
import dev.minerfleet.chain.AddResult.Reorganized;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.ChainListener;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.chain.VerifiedTransactions;
import dev.minerfleet.chain.validation.BlockValidator;
import dev.minerfleet.mempool.Mempool;
import dev.minerfleet.mempool.Mempool.Admission;

/**
 * The block tree and the mempool kept consistent, as plain Java: every transaction this node has
 * seen is either confirmed on the active chain or pending in the mempool, exactly once (until the
 * mempool's bounds evict it). Blocks that join the active chain take their transactions out of the
 * mempool; blocks a reorganisation disconnects give theirs back, unless the new branch confirms
 * them; blocks on side branches add the transactions the node had not seen.
 *
 * <p>
 * With the chain's double-spend rule on, a third state joins those two: dropped, because another
 * transaction spending the same coin is confirmed on the active chain. A transaction whose coin the
 * active chain spent is refused at the door ({@link Admission#COIN_ALREADY_SPENT}); a block joining
 * the active chain drops the pending spends of the coins it spends; a reorganisation gives back only
 * the disconnected transactions whose coin the new branch did not spend, and revives the dropped
 * spends of coins it un-spent. The template never holds two spends of one coin.
 */
public final class Ledger {

	private final Blockchain chain;

	private final Mempool mempool;

	private final List<StoredBlock> acceptedDuringAdd = new ArrayList<>();

	private final ForkStatistics forks;
	private final boolean doubleSpendRule;

	public Ledger(Blockchain chain, Mempool mempool) {
		this.chain = chain;
		this.mempool = mempool;
		// from the chain's start, before any restored block, so every block of the tree is counted
		this.forks = ForkStatistics.following(chain);
		this.doubleSpendRule = chain.parameters().doubleSpendRule();
		chain.addListener(new ChainListener() {
			@Override
			public void blockAccepted(StoredBlock block) {
				acceptedDuringAdd.add(block);
			}
		});
	}

	/**
	 * A new chain of {@code parameters} and {@code mempool}, kept together: the chain's validator takes the ids of the
	 * transactions the mempool holds as checked (they were, on admission: {@link Mempool#holds}), and of those this
	 * process checked before ({@link VerifiedTransactions#contains}), so a block rebuilt from the mempool, or mined
	 * from it, is not hashed transaction by transaction again.
	 */
	public static Ledger create(ChainParameters parameters, Mempool mempool, InstantSource clock) {
		Predicate<Transaction> checkedBefore = tx -> VerifiedTransactions.contains(tx) || mempool.holds(tx);
		return new Ledger(new Blockchain(parameters, BlockValidator.standard(parameters, checkedBefore), clock),
				mempool);
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
		Predicate<Hash> confirmed = id -> isConfirmed(id, view);
		Predicate<String> spent = coinSpent(view);
		if (result instanceof Reorganized reorg) {
			List<Transaction> disconnected = transactionsOf(reorg.disconnected());
			List<Transaction> connected = transactionsOf(reorg.connected());
			mempool.returnToFront(disconnected, confirmed, spent);
			mempool.removeAll(connected);
			if (doubleSpendRule) {
				mempool.dropSpendsOf(connected);
				mempool.restoreSpendsOf(Transaction.coinsOf(disconnected), confirmed, spent);
			}
		}
		else if (result instanceof Extended extended) {
			List<Transaction> connected = transactionsOf(extended.connected());
			mempool.removeAll(connected);
			if (doubleSpendRule) {
				mempool.dropSpendsOf(connected);
			}
		}
		for (StoredBlock accepted : acceptedDuringAdd) {
			if (!view.contains(accepted)) {
				for (Transaction tx : accepted.block().transactions()) {
					mempool.addFromSideBranch(tx, confirmed, spent);
				}
			}
		}
		acceptedDuringAdd.clear();
		return result;
	}

	public synchronized Admission submitTransaction(Transaction tx) {
		ChainSnapshot view = chain.snapshot();
		return mempool.add(tx, id -> isConfirmed(id, view), coinSpent(view));
	}

	/** Offers transactions that arrived together, in their order, under one lock and on one snapshot. */
	public synchronized List<Admission> submitTransactions(List<Transaction> transactions) {
		ChainSnapshot view = chain.snapshot();
		Predicate<Hash> confirmed = id -> isConfirmed(id, view);
		Predicate<String> spent = coinSpent(view);
		List<Admission> admissions = new ArrayList<>(transactions.size());
		for (Transaction tx : transactions) {
			admissions.add(mempool.add(tx, confirmed, spent));
		}
		return admissions;
	}

	/** Whether the chain's double-spend rule is on: otherwise coins are only text in a payload. */
	public boolean doubleSpendRule() {
		return doubleSpendRule;
	}

	/**
	 * The tip and the transactions to mine on it, taken together so no candidate is one the tip
	 * already confirms.
	 */
	public synchronized Candidates candidates(int maxCount, long maxBytes) {
		return new Candidates(chain.snapshot(), mempool.candidates(maxCount, maxBytes, doubleSpendRule));
	}

	/** A tip and the pending transactions to build on it. */
	public record Candidates(ChainSnapshot snapshot, List<Transaction> transactions) {
	}

	private boolean isConfirmed(Hash id, ChainSnapshot view) {
		return chain.confirmingBlock(id, view).isPresent();
	}

	/** Which coins count as spent for the mempool: none while the rule is off. */
	private Predicate<String> coinSpent(ChainSnapshot view) {
		return doubleSpendRule ? coin -> chain.spendingBlock(coin, view).isPresent() : coin -> false;
	}

	private static List<Transaction> transactionsOf(List<StoredBlock> blocks) {
		List<Transaction> all = new ArrayList<>();
		for (StoredBlock block : blocks) {
			all.addAll(block.block().transactions());
		}
		return all;
	}

}
