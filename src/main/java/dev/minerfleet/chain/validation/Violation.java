package dev.minerfleet.chain.validation;

import java.util.Objects;

/** Why a block is invalid: a reason to count and switch on, and a detail for humans. */
public record Violation(Reason reason, String detail) {

	public Violation {
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(detail, "detail");
	}

	/** Every way a block can be invalid; the names are the metric tags and log words. */
	public enum Reason {

		/** Structurally wrong: no transactions, unknown version, bits not a valid target. */
		MALFORMED,
		/** The hash does not meet the target the header claims. */
		PROOF_OF_WORK,
		/** The header claims a target other than the one the chain expects at its height. */
		WRONG_TARGET,
		/** The header's merkle root is not the root of the block's transaction ids. */
		MERKLE_ROOT,
		/** A transaction's id is not the SHA-256 of its content. */
		TRANSACTION_ID,
		/** The same transaction id twice in the block. */
		DUPLICATE_TRANSACTION,
		/** A transaction already confirmed by an ancestor on the block's branch. */
		TRANSACTION_ALREADY_CONFIRMED,
		/** Timestamp not above the median of the previous blocks. */
		TIMESTAMP_TOO_OLD,
		/** Timestamp too far ahead of the local clock. */
		TIMESTAMP_TOO_FAR_IN_FUTURE,
		/** More transactions than a block may hold. */
		TOO_MANY_TRANSACTIONS,
		/** More bytes than a block may hold. */
		TOO_MANY_BYTES,
		/** No coinbase first, or a coinbase anywhere else. */
		BAD_COINBASE,
		/** Two spends of one coin in the block, or a spend of a coin an ancestor spent (optional rule). */
		DOUBLE_SPEND

	}

	public String code() {
		return reason.name();
	}

	@Override
	public String toString() {
		return reason + ": " + detail;
	}

}
