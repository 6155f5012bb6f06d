package dev.minerfleet.node;

import java.time.Duration;
import java.util.Optional;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool.Admission;

/**
 * Hears what the node does, for metrics and logs. Called on the thread that did it, after the
 * fact; implementations must be quick and must not throw.
 */
public interface NodeObserver {

	/** A block this miner found joined its chain. */
	default void blockMined(StoredBlock block) {
	}

	/**
	 * A block arrived from another miner.
	 * @param propagationDelay arrival time minus the block's timestamp, never negative; empty for a
	 * block fetched by catch-up sync, whose age says nothing about propagation
	 */
	default void blockReceived(String from, AddResult result, Optional<Duration> propagationDelay) {
	}

	/** The active chain switched branch. */
	default void reorganized(int depth, StoredBlock oldTip, StoredBlock newTip) {
	}

	/** A transaction joined the active chain, {@code latency} after it was created. */
	default void transactionConfirmed(Transaction transaction, Duration latency) {
	}

	/** genTRX or a REST client made a transaction here. */
	default void transactionCreated(Transaction transaction, Admission admission) {
	}

	default void transactionReceived(String from, Admission admission) {
	}

	/** A message from the network could not be decoded at all. */
	default void messageRejected(MessageKind kind, String reason) {
	}

	/** What travels between miners: NEWTRX, NEWBLOCK and catch-up sync messages. */
	enum MessageKind {

		TRANSACTION, BLOCK, SYNC;

		public String tag() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
