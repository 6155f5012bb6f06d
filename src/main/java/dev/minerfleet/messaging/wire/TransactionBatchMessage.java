package dev.minerfleet.messaging.wire;

import java.util.List;
import java.util.Objects;

import dev.minerfleet.chain.Transaction;

/**
 * Transactions passed on together by a miner, the JSON message of type {@value #TYPE} on the NEWTRX topic: one MQTT
 * message for what genTRX or REST made within a few milliseconds, where {@link TransactionMessage} carries one.
 * {@link TransactionBatchCodec} decodes both forms into this record.
 *
 * @param sender id of the miner that published it
 * @param transactions 1 to {@value #MAX_TRANSACTIONS} transactions, in the order they were made, each with the id the
 * message claims (not yet checked against its content)
 */
public record TransactionBatchMessage(String sender, List<Transaction> transactions) implements WireMessage {

	public static final String TYPE = "transactions";

	/** The most transactions of one message. */
	public static final int MAX_TRANSACTIONS = 10_000;

	public TransactionBatchMessage {
		Objects.requireNonNull(sender, "sender");
		transactions = List.copyOf(transactions);
		if (transactions.isEmpty() || transactions.size() > MAX_TRANSACTIONS) {
			throw new IllegalArgumentException(
					"a batch holds 1 to " + MAX_TRANSACTIONS + " transactions, got " + transactions.size());
		}
	}

	/** The batch of one a single-transaction message stands for. */
	public static TransactionBatchMessage of(TransactionMessage message) {
		return new TransactionBatchMessage(message.sender(), List.of(message.transaction()));
	}

}
