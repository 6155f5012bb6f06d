package dev.minerfleet.mining;

import dev.minerfleet.chain.Block;

/**
 * What mining needs from the node, which supplies it: mining never knows the node.
 */
public interface MiningPort {

	/** A template on the current tip with the pending transactions that fit. */
	BlockTemplate template();

	/**
	 * Hands over a block that meets its target; the node validates it exactly like a received one.
	 * @return whether it joined this miner's block tree
	 */
	boolean submit(Block block);

	/** Registers a callback run whenever the tip changes, on the thread that changed it. */
	void onTipChange(Runnable listener);

}
