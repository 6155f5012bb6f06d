package dev.minerfleet.api;

/**
 * One miner at a glance.
 *
 * @param minerId this miner's id
 * @param height height of the tip
 * @param tip hash of the tip
 * @param difficulty leading zero bits every hash meeting the next target has
 * @param difficultyBits log2 of the expected hashes per block at the next target, fractional
 * @param nextTarget compact target of the next block, eight lowercase hex digits
 * @param hashrate recent hashes per second over all mining threads
 * @param hashes hashes computed since start
 * @param mining "running" or "paused"
 * @param blocksReceived blocks from other miners, whatever became of them
 * @param blocksAccepted received blocks that were valid (active chain or side branch)
 * @param blocksRejected received blocks that failed validation or could not be decoded
 * @param reorgs switches of the active chain to another branch
 * @param orphans blocks waiting for an unknown parent
 * @param knownBlocks valid blocks in the tree, every branch, genesis included
 * @param doubleSpendsDropped transactions dropped because another spend of their coin joined the active chain
 */
public record StatusView(String minerId, int height, String tip, int difficulty, double difficultyBits,
		String nextTarget, double hashrate, long hashes, int miningThreads, String mining, String powStrategy,
		int mempoolSize, long mempoolBytes, long blocksMined, long blocksReceived, long blocksAccepted,
		long blocksRejected, long reorgs, int orphans, int knownBlocks, long transactionsCreated,
		long transactionsReceived, long messagesRejected, long doubleSpendsDropped) {

}
