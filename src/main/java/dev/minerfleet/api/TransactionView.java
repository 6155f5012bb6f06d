package dev.minerfleet.api;

import dev.minerfleet.chain.Transaction;

/**
 * A transaction as JSON: every field its id is computed from.
 *
 * @param id SHA-256 of the canonical bytes, 64 hex digits
 * @param createdAt milliseconds since the epoch
 * @param origin the miner that created it
 */
public record TransactionView(String id, String sender, String receiver, long amount, String payload,
		long createdAt, String origin) {

	static TransactionView of(Transaction tx) {
		return new TransactionView(tx.id().hex(), tx.sender(), tx.receiver(), tx.amount(), tx.payload(),
				tx.createdAt(), tx.origin());
	}

}
