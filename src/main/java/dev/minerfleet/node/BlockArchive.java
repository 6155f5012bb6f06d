package dev.minerfleet.node;

import java.util.List;

import dev.minerfleet.chain.Block;

/**
 * Where this miner keeps its blocks across restarts; storage implements it. Without one (no data
 * directory configured) the chain lives in memory only.
 */
public interface BlockArchive {

	/** Where the blocks are kept, for logs: a directory, say. */
	String location();

	/**
	 * The blocks earlier runs kept, in the order they were kept: parents before children. Read
	 * once, at start-up, before any block is kept: the archive may let go of them afterwards.
	 */
	List<Block> storedBlocks();

	/**
	 * Keeps a block that joined the tree. Called on the thread adding blocks, under the chain's
	 * lock: keep it short. Never throws: a failed write is the archive's to log and report.
	 */
	void keep(Block block);

}
