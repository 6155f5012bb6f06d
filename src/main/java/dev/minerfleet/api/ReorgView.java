package dev.minerfleet.api;

import java.util.List;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.node.ReorgLog.Reorg;

/**
 * One switch of this miner's active chain to another branch.
 *
 * @param at milliseconds since the epoch, by this miner's clock
 * @param depth blocks taken off the active chain
 * @param forkPointHeight height of the last block both branches share
 * @param forkPoint its hash
 * @param disconnected hashes of the blocks taken off, oldest first
 * @param connected hashes of the blocks put on, oldest first
 * @param returned ids of the transactions given back to the mempool: in a block taken off, in none put on
 */
public record ReorgView(long at, int depth, int forkPointHeight, String forkPoint, String oldTip, String newTip,
		int newHeight, List<String> disconnected, List<String> connected, List<String> returned) {

	static ReorgView of(Reorg reorg) {
		return new ReorgView(reorg.at(), reorg.depth(), reorg.forkPoint().height(), reorg.forkPoint().hash().hex(),
				reorg.oldTip().hash().hex(), reorg.newTip().hash().hex(), reorg.newTip().height(),
				hashes(reorg.disconnected()), hashes(reorg.connected()),
				reorg.returned().stream().map(Hash::hex).toList());
	}

	private static List<String> hashes(List<StoredBlock> blocks) {
		return blocks.stream().map(block -> block.hash().hex()).toList();
	}

}
