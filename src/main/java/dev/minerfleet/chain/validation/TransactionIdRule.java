package dev.minerfleet.chain.validation;

import java.util.Optional;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.chain.validation.Violation.Reason;

/** Every transaction's id is the SHA-256 of its content. */
public final class TransactionIdRule implements BlockRule {

	@Override
	public Optional<Violation> check(Block block, ChainParameters parameters, long nowMillis) {
		for (Transaction tx : block.transactions()) {
			if (!tx.hasValidId()) {
				return Optional.of(new Violation(Reason.TRANSACTION_ID,
						"transaction " + tx.id().abbreviated() + " has id " + tx.computeId().abbreviated()));
			}
		}
		return Optional.empty();
	}

}
