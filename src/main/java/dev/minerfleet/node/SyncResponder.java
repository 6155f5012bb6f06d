package dev.minerfleet.node;

import java.util.List;

import dev.minerfleet.chain.Block;

/** Sends the replies to other miners' catch-up sync requests. Messaging implements it. */
public interface SyncResponder {

	/**
	 * Sends {@code blocks}, oldest first, to {@code requester}; when one message cannot hold them all, the first ones
	 * that fit go, with {@code more} set. Never throws.
	 * @param more whether this miner's active chain goes on after the last of {@code blocks}
	 * @return how many blocks went out; 0 when the reply could not be sent
	 */
	int sendBlocks(String requester, String requestId, List<Block> blocks, boolean more);

}
