package dev.minerfleet.api;

import java.util.Map;

import dev.minerfleet.node.ConfirmationLatency;
import dev.minerfleet.node.RelayStatistics;

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
 * @param maxHashRate cap on hashes per second over all mining threads, 0 for none
 * @param staleBlocks valid blocks in the tree off the active chain, mined here or received
 * @param staleBlocksMined blocks this miner found that are off its active chain
 * @param forksSeen blocks that joined the tree as a second or later child of their parent, each opening a branch
 * @param reorgDepths reorganisations by the blocks they took off the active chain: {"1": 5, "2": 1}
 * @param blocksByMiner the active chain's blocks (genesis left out) by the miner their coinbase pays
 * @param confirmationLatency from a transaction's creation to its block joining the active chain
 * @param doubleSpendsDropped transactions dropped because another spend of their coin joined the active chain
 * @param compactBlocks compact block relay: what was received, rebuilt, asked for and answered
 */
public record StatusView(String minerId, int height, String tip, int difficulty, double difficultyBits,
		String nextTarget, double hashrate, long hashes, int miningThreads, String mining, String powStrategy,
		int mempoolSize, long mempoolBytes, long blocksMined, long blocksReceived, long blocksAccepted,
		long blocksRejected, long reorgs, int orphans, int knownBlocks, long transactionsCreated,
		long transactionsReceived, long messagesRejected, long maxHashRate, long staleBlocks, long staleBlocksMined,
		long forksSeen, Map<Integer, Long> reorgDepths, Map<String, Long> blocksByMiner,
		LatencyView confirmationLatency, long doubleSpendsDropped, RelayView compactBlocks) {

	/**
	 * Compact block relay since start.
	 *
	 * @param received compact blocks received from other miners
	 * @param rebuiltFromMempool of those, rebuilt without asking for anything
	 * @param leftToSync of those, not rebuilt because their parent was unknown: catch-up sync fetches them whole
	 * @param lighterBranch of those, parent unknown and left alone: their sender claimed no more work for their
	 * branch than this miner's chain has
	 * @param transactionsRequested transactions asked for, the full-block fallbacks' included
	 * @param fullBlockFallbacks rebuilt blocks that missed their merkle root, for which every transaction was asked for
	 * @param transactionsSent transactions sent in answer to other miners' requests
	 * @param prefilled transactions of the blocks this miner found sent whole in their compact form, beyond the
	 * coinbase: those it had taken from blocks, which the others are likely to lack
	 */
	public record RelayView(long received, long rebuiltFromMempool, long leftToSync, long lighterBranch,
			long transactionsRequested, long fullBlockFallbacks, long transactionsSent, long prefilled) {

		static RelayView of(RelayStatistics relay) {
			return new RelayView(relay.received(), relay.rebuiltFromMempool(), relay.leftToSync(),
					relay.lighterBranch(), relay.transactionsRequested(), relay.fullBlockFallbacks(),
					relay.transactionsSent(), relay.prefilled());
		}

	}

	/**
	 * Latencies in milliseconds.
	 *
	 * @param count transactions confirmed since start
	 * @param meanMillis mean since start
	 * @param p50Millis median of the most recent 4096
	 * @param p99Millis 99th percentile of the most recent 4096
	 * @param maxMillis longest since start
	 */
	public record LatencyView(long count, double meanMillis, long p50Millis, long p99Millis, long maxMillis) {

		static LatencyView of(ConfirmationLatency.Summary summary) {
			return new LatencyView(summary.count(), summary.meanMillis(), summary.p50Millis(), summary.p99Millis(),
					summary.maxMillis());
		}

	}

}
