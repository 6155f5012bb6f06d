package dev.minerfleet.node;

import dev.minerfleet.chain.Transaction;

/** Sends a transaction this miner created or was handed to the other miners. Messaging implements it. */
public interface TransactionBroadcaster {

	void broadcast(Transaction transaction);

}
