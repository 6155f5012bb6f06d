package dev.minerfleet.api;

/**
 * Where a known transaction stands; an unknown one answers 404. The {@code status} field tells the
 * two shapes apart.
 */
public sealed interface TransactionStatusView {

	String PENDING = "pending";

	String CONFIRMED = "confirmed";

	String UNKNOWN = "unknown";

	/** In the mempool, waiting for a block. */
	record Pending(String id, String status, TransactionView transaction) implements TransactionStatusView {

		Pending(TransactionView transaction) {
			this(transaction.id(), PENDING, transaction);
		}

	}

	/**
	 * In a block of the active chain.
	 * @param confirmations 1 when the block is the tip
	 */
	record Confirmed(String id, String status, TransactionView transaction, String blockHash, int height,
			int confirmations) implements TransactionStatusView {

		Confirmed(TransactionView transaction, String blockHash, int height, int confirmations) {
			this(transaction.id(), CONFIRMED, transaction, blockHash, height, confirmations);
		}

	}

}
