package dev.minerfleet.api;

import org.jspecify.annotations.Nullable;

import dev.minerfleet.chain.Transaction;

/**
 * Where a known transaction stands; an unknown one answers 404. The {@code status} field tells the
 * two shapes apart.
 */
public sealed interface TransactionStatusView {

	String PENDING = "pending";

	String CONFIRMED = "confirmed";

	String UNKNOWN = "unknown";

	String DROPPED = "dropped";

	/**
	 * In the mempool, waiting for a block.
	 * @param coin the coin it spends, {@code null} when none
	 */
	record Pending(String id, String status, @Nullable String coin,
			TransactionView transaction) implements TransactionStatusView {

		Pending(Transaction transaction) {
			this(transaction.id().hex(), PENDING, transaction.coin().orElse(null), TransactionView.of(transaction));
		}

	}

	/**
	 * In a block of the active chain.
	 * @param coin the coin it spends, {@code null} when none
	 * @param confirmations 1 when the block is the tip
	 */
	record Confirmed(String id, String status, @Nullable String coin, TransactionView transaction, String blockHash,
			int height, int confirmations) implements TransactionStatusView {

		Confirmed(Transaction transaction, String blockHash, int height, int confirmations) {
			this(transaction.id().hex(), CONFIRMED, transaction.coin().orElse(null), TransactionView.of(transaction),
					blockHash, height, confirmations);
		}

	}

	/**
	 * Dropped as a double spend: another transaction spending its coin is confirmed on the active chain.
	 * @param spentBy id of that transaction
	 */
	record Dropped(String id, String status, String coin, TransactionView transaction,
			String spentBy) implements TransactionStatusView {

		Dropped(Transaction transaction, String coin, Transaction spentBy) {
			this(transaction.id().hex(), DROPPED, coin, TransactionView.of(transaction), spentBy.id().hex());
		}

	}

}
