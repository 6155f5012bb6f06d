package dev.minerfleet.node;

import java.util.Set;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;

/** Sends a block this miner found or accepted to the other miners. Messaging implements it. */
public interface BlockBroadcaster {

	/**
	 * Sends {@code block}, claiming the total work its place in this miner's tree gives it.
	 * @param sendWhole the ids of its transactions the others are likely to lack, which a compact block carries whole
	 * instead of as short ids (BIP 152 leaves that choice to the sender): those this miner took from blocks rather
	 * than loose ({@link dev.minerfleet.mempool.Mempool#takenFromBlocks})
	 */
	void broadcast(StoredBlock block, Set<Hash> sendWhole);

}
