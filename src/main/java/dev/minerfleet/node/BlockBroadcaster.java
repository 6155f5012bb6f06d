package dev.minerfleet.node;

import dev.minerfleet.chain.StoredBlock;

/** Sends a block this miner found or accepted to the other miners. Messaging implements it. */
public interface BlockBroadcaster {

	/** Sends {@code block}, claiming the total work its place in this miner's tree gives it. */
	void broadcast(StoredBlock block);

}
