package dev.minerfleet.node;

import dev.minerfleet.chain.Block;

/** Sends a block this miner found or accepted to the other miners. Messaging implements it. */
public interface BlockBroadcaster {

	void broadcast(Block block);

}
