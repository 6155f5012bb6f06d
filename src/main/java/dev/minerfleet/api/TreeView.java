package dev.minerfleet.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.node.BlockArrivals.Arrival;
import dev.minerfleet.node.TreeWindow;

/**
 * The recent window of this miner's block tree: its active chain's top blocks, the side branches beside them and
 * the orphans waiting for a parent.
 *
 * @param height the active tip's height
 * @param tip the active tip's hash
 * @param bottom the lowest height in {@code blocks}
 * @param blocks every valid block from {@code bottom} up, by height
 * @param orphans the latest blocks whose parent is unknown here, oldest first
 */
public record TreeView(String minerId, int height, String tip, int bottom, List<Node> blocks,
		List<Orphan> orphans) {

	/**
	 * A block of the tree, with what the view draws.
	 * @param miner the finder, from the coinbase
	 * @param arrival when it came here, {@code null} when not recorded (restored at start-up, or long ago)
	 */
	public record Node(String hash, String previousHash, int height, String miner, long timestamp,
			int transactionCount, boolean onActiveChain, @Nullable ArrivalView arrival) {

		static Node of(StoredBlock block, boolean active, Optional<Arrival> arrival) {
			return new Node(block.hash().hex(), block.previousHash().hex(), block.height(), block.miner(),
					block.timestamp(), block.block().transactions().size(), active,
					arrival.map(ArrivalView::of).orElse(null));
		}

	}

	/** A block waiting for its parent: its height is not known yet. */
	public record Orphan(String hash, String previousHash, String miner, long timestamp, int transactionCount,
			@Nullable ArrivalView arrival) {

		static Orphan of(Block block, Optional<Arrival> arrival) {
			return new Orphan(block.hash().hex(), block.previousHash().hex(), block.miner(),
					block.header().timestamp(), block.transactions().size(), arrival.map(ArrivalView::of).orElse(null));
		}

	}

	static TreeView of(String minerId, TreeWindow window, Function<Hash, Optional<Arrival>> arrivals) {
		StoredBlock tip = window.view().tip();
		List<Node> nodes = window.blocks()
			.stream()
			.map(block -> Node.of(block, window.isActive(block), arrivals.apply(block.hash())))
			.toList();
		List<Orphan> orphans = window.orphans()
			.stream()
			.map(block -> Orphan.of(block, arrivals.apply(block.hash())))
			.toList();
		return new TreeView(minerId, tip.height(), tip.hash().hex(), window.bottom(), nodes, orphans);
	}

}
