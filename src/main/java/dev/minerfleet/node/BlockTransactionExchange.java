package dev.minerfleet.node;

import java.util.List;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Transaction;

/**
 * Asks another miner for transactions of a block it sent in compact form, and answers such requests. Messaging
 * implements it; what comes back goes to {@link CompactBlockRelay}.
 */
public interface BlockTransactionExchange {

	/**
	 * Asks {@code peer} for the transactions at {@code indexes} (ascending) of block {@code blockHash}. Never throws.
	 * @return whether the request went out
	 */
	boolean requestTransactions(String peer, Hash blockHash, List<Integer> indexes);

	/**
	 * Sends {@code requester} the {@code transactions} at {@code indexes} of block {@code blockHash}. Never throws.
	 * @return whether the reply went out: false while the broker is unreachable or when it is too large to send
	 */
	boolean sendTransactions(String requester, Hash blockHash, List<Integer> indexes, List<Transaction> transactions);

}
