package dev.minerfleet.node;

import java.util.concurrent.atomic.LongAdder;

/** Running totals of compact block relay, for GET /status and metrics. Thread-safe. */
public final class RelayStatistics {

	final LongAdder received = new LongAdder();

	final LongAdder rebuiltFromMempool = new LongAdder();

	final LongAdder leftToSync = new LongAdder();

	final LongAdder lighterBranch = new LongAdder();

	final LongAdder transactionsRequested = new LongAdder();

	final LongAdder fullBlockFallbacks = new LongAdder();

	final LongAdder transactionsSent = new LongAdder();

	final LongAdder prefilled = new LongAdder();

	/** Compact blocks received from other miners. */
	public long received() {
		return received.sum();
	}

	/** Compact blocks rebuilt without asking for anything. */
	public long rebuiltFromMempool() {
		return rebuiltFromMempool.sum();
	}

	/** Compact blocks whose parent was unknown: not rebuilt, left to catch-up sync. */
	public long leftToSync() {
		return leftToSync.sum();
	}

	/**
	 * Compact blocks whose parent was unknown, left alone: their sender claimed no more work for their branch than
	 * this miner's chain has.
	 */
	public long lighterBranch() {
		return lighterBranch.sum();
	}

	/** Transactions asked for, the full-block fallbacks' included. */
	public long transactionsRequested() {
		return transactionsRequested.sum();
	}

	/** Rebuilt blocks that did not match their merkle root, for which every transaction was asked for. */
	public long fullBlockFallbacks() {
		return fullBlockFallbacks.sum();
	}

	/** Transactions sent in answer to other miners' requests. */
	public long transactionsSent() {
		return transactionsSent.sum();
	}

	/**
	 * Transactions of the blocks this miner found sent whole in their compact form, beyond the coinbase: those it had
	 * taken from blocks, which the others are likely to lack.
	 */
	public long prefilled() {
		return prefilled.sum();
	}

}
