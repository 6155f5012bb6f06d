package dev.minerfleet.messaging.wire;

import java.util.List;
import java.util.Objects;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Transaction;

/**
 * The answer to a {@link GetBlockTransactionsMessage}, the JSON message of type {@value #TYPE} published to
 * {@code <prefix>/SYNC/<requester>}.
 *
 * @param sender id of the answering miner
 * @param blockHash the block
 * @param indexes the positions of {@code transactions} in the block, strictly ascending
 * @param transactions the transactions at those positions, as many as {@code indexes}
 */
public record BlockTransactionsMessage(String sender, Hash blockHash, List<Integer> indexes,
		List<Transaction> transactions) implements SyncMessage {

	public static final String TYPE = "blocktxn";

	public BlockTransactionsMessage {
		Objects.requireNonNull(sender, "sender");
		Objects.requireNonNull(blockHash, "blockHash");
		indexes = List.copyOf(indexes);
		transactions = List.copyOf(transactions);
		if (indexes.size() != transactions.size()) {
			throw new IllegalArgumentException(
					indexes.size() + " indexes for " + transactions.size() + " transactions");
		}
	}

}
