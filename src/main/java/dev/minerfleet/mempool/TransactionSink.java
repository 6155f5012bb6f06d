package dev.minerfleet.mempool;

import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool.Admission;

/** Where genTRX hands its transactions: the node pools and broadcasts them. */
@FunctionalInterface
public interface TransactionSink {

	Admission createTransaction(Transaction transaction);

}
