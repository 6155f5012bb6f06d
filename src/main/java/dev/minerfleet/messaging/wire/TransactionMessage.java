package dev.minerfleet.messaging.wire;

import java.util.Objects;

import dev.minerfleet.chain.Transaction;

/**
 * A transaction passed on by a miner, the JSON message of type {@value #TYPE} on the NEWTRX topic.
 *
 * @param sender id of the miner that published it
 * @param transaction the transaction, with the id the message claims (not yet checked against its content)
 */
public record TransactionMessage(String sender, Transaction transaction) implements WireMessage {

	public static final String TYPE = "transaction";

	public TransactionMessage {
		Objects.requireNonNull(sender, "sender");
		Objects.requireNonNull(transaction, "transaction");
	}

}
