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

}
