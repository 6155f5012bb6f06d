package dev.minerfleet.node;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.ChainListener;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;

/**
 * Forks as this miner's block tree saw them, kept up to date as a {@link ChainListener}: constant work per accepted
 * block, work in the blocks switched per tip change, never a scan of the chain. Genesis counts nowhere.
 *
 * <ul>
 * <li><b>Stale blocks</b>: valid blocks of the tree not on the active chain, mined here or received; the tree's
 * blocks minus the tip's height. A block counts as stale from the moment it is on a losing branch, so a block
 * orphaned by a reorganisation becomes stale then, and the losing side of a fork that was never active is stale from
 * its arrival.</li>
 * <li><b>Forks seen</b>: blocks that joined the tree as a second (third, ...) child of their parent, so each opened
 * a new branch; equivalently, the tree's branch tips minus one. A fork counts once however long either branch grows
 * and whichever wins; a reorganisation onto a branch already counted counts no new fork.</li>
 * <li><b>Reorganisation depths</b>: how many times the active chain switched branch dropping 1, 2, 3, ... blocks.</li>
 * <li><b>Blocks by finder</b>: the active chain's blocks by the miner their coinbase pays.</li>
 * </ul>
 *
 * <pre>
 * genesis ── a1 ── a2 ── a3      active: a1 a2 a3 by "a" (3), b2 by "b" stale
 *             └── b2             forks seen 1 (b2 is a1's second child); stale 1
 * </pre>
 *
 * Thread-safe: the chain calls it under its own lock, readers take this one's. A reading taken while a block is being
 * added may count that block stale for an instant, before the tip change that follows it.
 */
public final class ForkStatistics implements ChainListener {

	private final Blockchain chain;

	/** Valid blocks of the tree but genesis, by finder. */
	private final Map<String, Long> knownByFinder = new HashMap<>();

	/** Active-chain blocks but genesis, by finder. */
	private final Map<String, Long> activeByFinder = new HashMap<>();

	/** Blocks with no child yet: one per branch, so their count is forks seen plus one. */
	private final Set<Hash> branchTips = new HashSet<>();

	private final SortedMap<Integer, Long> reorgDepths = new TreeMap<>();

	private long known;

	private int height;

	private long forks;

	private ForkStatistics(Blockchain chain) {
		this.chain = chain;
	}

	/**
	 * Statistics of {@code chain} from now on, starting from its active chain as it stands (side branches the chain
	 * already holds are not known to these statistics: follow a chain from its creation).
	 */
	public static ForkStatistics following(Blockchain chain) {
		ForkStatistics statistics = new ForkStatistics(chain);
		synchronized (statistics) {
			ChainSnapshot view = chain.snapshot();
			for (int h = 1; h <= view.height(); h++) {
				StoredBlock block = view.at(h).orElseThrow();
				statistics.knownByFinder.merge(block.miner(), 1L, Long::sum);
				statistics.activeByFinder.merge(block.miner(), 1L, Long::sum);
			}
			statistics.known = view.height();
			statistics.height = view.height();
			statistics.branchTips.add(view.tip().hash());
		}
		chain.addListener(statistics);
		return statistics;
	}

	@Override
	public synchronized void blockAccepted(StoredBlock block) {
		known++;
		knownByFinder.merge(block.miner(), 1L, Long::sum);
		if (!branchTips.remove(block.previousHash())) {
			forks++;
		}
		branchTips.add(block.hash());
	}

	@Override
	public synchronized void tipChanged(TipChanged event) {
		StoredBlock left = event.oldTip();
		StoredBlock right = event.newTip();
		while (left.height() > right.height()) {
			left = disconnect(left);
		}
		while (right.height() > left.height()) {
			right = connect(right);
		}
		while (!left.hash().equals(right.hash())) {
			left = disconnect(left);
			right = connect(right);
		}
		height = event.newTip().height();
	}

	@Override
	public synchronized void reorganized(ChainReorganized event) {
		reorgDepths.merge(event.depth(), 1L, Long::sum);
	}

	private StoredBlock disconnect(StoredBlock block) {
		activeByFinder.computeIfPresent(block.miner(), (finder, count) -> (count == 1) ? null : count - 1);
		return parent(block);
	}

	private StoredBlock connect(StoredBlock block) {
		activeByFinder.merge(block.miner(), 1L, Long::sum);
		return parent(block);
	}

	private StoredBlock parent(StoredBlock block) {
		return chain.find(block.previousHash()).orElseThrow();
	}

	/** Valid blocks of the tree off the active chain. */
	public synchronized long staleBlocks() {
		return Math.max(0, known - height);
	}

	/** Valid blocks of the tree found by {@code finder} (by their coinbase) and off the active chain. */
	public synchronized long staleBlocksFoundBy(String finder) {
		return Math.max(0, knownByFinder.getOrDefault(finder, 0L) - activeByFinder.getOrDefault(finder, 0L));
	}

	/** Active-chain blocks found by {@code finder}. */
	public synchronized long activeBlocksFoundBy(String finder) {
		return activeByFinder.getOrDefault(finder, 0L);
	}

	/** The blocks of the tree that have no child yet, one per branch, the active tip among them. */
	public synchronized List<Hash> branchTips() {
		return List.copyOf(branchTips);
	}

	/** Blocks that opened a new branch of the tree. */
	public synchronized long forksSeen() {
		return forks;
	}

	/** Reorganisations by the number of blocks they took off the active chain, shallowest first. */
	public synchronized SortedMap<Integer, Long> reorgDepths() {
		return new TreeMap<>(reorgDepths);
	}

	/** The active chain's blocks by finder, genesis left out, ordered by finder. */
	public synchronized SortedMap<String, Long> blocksByFinder() {
		return new TreeMap<>(activeByFinder);
	}

}
