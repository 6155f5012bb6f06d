package dev.minerfleet.node;

import java.util.concurrent.atomic.LongAdder;

/** Running totals for GET /status; metrics keep the detailed, tagged series. */
public final class NodeStatistics {

	final LongAdder blocksMined = new LongAdder();

	final LongAdder blocksReceived = new LongAdder();

	final LongAdder blocksAccepted = new LongAdder();

	final LongAdder blocksRejected = new LongAdder();

	final LongAdder reorganizations = new LongAdder();

	final LongAdder transactionsCreated = new LongAdder();

	final LongAdder transactionsReceived = new LongAdder();

	final LongAdder messagesRejected = new LongAdder();

	final ConfirmationLatency confirmationLatency = new ConfirmationLatency();

	private final RelayStatistics relay = new RelayStatistics();

	/** Compact block relay's totals. */
	public RelayStatistics relay() {
		return relay;
	}

	public long blocksMined() {
		return blocksMined.sum();
	}

	/** Blocks from other miners, whatever became of them. */
	public long blocksReceived() {
		return blocksReceived.sum();
	}

	public long blocksAccepted() {
		return blocksAccepted.sum();
	}

	/** Blocks that failed validation, plus block messages that could not be decoded. */
	public long blocksRejected() {
		return blocksRejected.sum();
	}

	public long reorganizations() {
		return reorganizations.sum();
	}

	public long transactionsCreated() {
		return transactionsCreated.sum();
	}

	public long transactionsReceived() {
		return transactionsReceived.sum();
	}

	public long messagesRejected() {
		return messagesRejected.sum();
	}

	/** From a transaction's creation to its block joining the active chain, live blocks only. */
	public ConfirmationLatency.Summary confirmationLatency() {
		return confirmationLatency.summary();
	}

}
