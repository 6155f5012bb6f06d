package dev.minerfleet.node;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Transaction;

/** Where a transaction stands on this miner. */
public sealed interface TransactionStatus {

	record Pending(Transaction transaction) implements TransactionStatus {
	}

	record Confirmed(Transaction transaction, Hash blockHash, int height, int confirmations)
			implements TransactionStatus {
	}

	record Unknown(Hash id) implements TransactionStatus {
	}

	/**
	 * Dropped as a double spend: {@code spentBy}, another transaction spending its coin, is confirmed on the active
	 * chain (only with the chain's double-spend rule on). It comes back should a reorganisation take that spend off.
	 */
	record Dropped(Transaction transaction, String coin, Transaction spentBy) implements TransactionStatus {
	}

}
