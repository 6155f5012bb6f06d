package dev.minerfleet.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;

/**
 * The recent part of a block tree: every valid block at the top {@code depth} heights below the active tip and
 * above it, on the active chain and on side branches, plus the latest orphans. Built by walking down from each
 * branch tip until the window's bottom or a block already taken, so it costs the window's size plus the number of
 * branches, never the length of the chain.
 *
 * <pre>
 *      bottom                tip
 *   ── 7 ── 8 ── 9 ── 10 ── 11      active
 *             └── 9' ── 10'         side branch: both taken
 *   ─ 3' (branch tip below the bottom: left out)
 * </pre>
 *
 * @param view the active chain the window was read against
 * @param bottom the lowest height in the window
 * @param blocks the window's blocks by height, then by the order the tree accepted them
 * @param orphans the latest blocks waiting for an unknown parent, oldest first
 */
public record TreeWindow(ChainSnapshot view, int bottom, List<StoredBlock> blocks, List<Block> orphans) {

	public TreeWindow {
		blocks = List.copyOf(blocks);
		orphans = List.copyOf(orphans);
	}

	/**
	 * @param branchTips the blocks of the tree without a child (as {@link ForkStatistics#branchTips()}); the active
	 * tip is walked in any case
	 * @param depth how many heights, the tip's included, the window reaches down, at least 1
	 * @param maxOrphans the most orphans to list, the latest kept
	 */
	public static TreeWindow of(Blockchain chain, ChainSnapshot view, Collection<Hash> branchTips, int depth,
			int maxOrphans) {
		if (depth < 1) {
			throw new IllegalArgumentException("depth must be at least 1, got " + depth);
		}
		int bottom = Math.max(0, view.height() - depth + 1);
		List<StoredBlock> blocks = new ArrayList<>();
		Set<Hash> taken = new HashSet<>();
		List<StoredBlock> tips = new ArrayList<>();
		tips.add(view.tip());
		for (Hash hash : branchTips) {
			chain.find(hash).ifPresent(tips::add);
		}
		for (StoredBlock tip : tips) {
			Optional<StoredBlock> cursor = Optional.of(tip);
			while (cursor.isPresent() && cursor.get().height() >= bottom && taken.add(cursor.get().hash())) {
				blocks.add(cursor.get());
				cursor = (cursor.get().height() == 0) ? Optional.empty() : chain.find(cursor.get().previousHash());
			}
		}
		blocks.sort(Comparator.comparingInt(StoredBlock::height).thenComparingLong(StoredBlock::sequence));
		List<Block> orphans = chain.orphans();
		return new TreeWindow(view, bottom,
				blocks, orphans.subList(Math.max(0, orphans.size() - maxOrphans), orphans.size()));
	}

	/** Whether {@code block} is on the active chain the window was read against. */
	public boolean isActive(StoredBlock block) {
		return view.contains(block);
	}

}
