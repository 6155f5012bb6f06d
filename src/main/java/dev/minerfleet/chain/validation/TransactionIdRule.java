package dev.minerfleet.chain.validation;

import java.util.Optional;
import java.util.function.Predicate;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.chain.validation.Violation.Reason;

/**
 * Every transaction's id is the SHA-256 of its content. A transaction the node checked before, the very object
 * ({@code checkedBefore}: the node's mempool holds it, or the process's {@code VerifiedTransactions} does, each having
 * taken it only with a matching id), is not hashed again:
 * a {@link Transaction} cannot change, so its id still matches. This is what spares a block rebuilt from the mempool
 * (compact block relay) and the node's own mined blocks most of their hashing, as Bitcoin Core's signature cache spares
 * re-checking the transactions a block shares with the mempool. A transaction that only equals one checked before is
 * hashed.
 */
public final class TransactionIdRule implements BlockRule {

	private final Predicate<Transaction> checkedBefore;

	/**
	 * @param checkedBefore true only for a transaction object whose id was checked against its content before;
	 * {@code tx -> false} hashes every transaction. Called under the chain's lock.
	 */
	public TransactionIdRule(Predicate<Transaction> checkedBefore) {
		this.checkedBefore = checkedBefore;
	}

	@Override
	public Optional<Violation> check(Block block, ChainParameters parameters, long nowMillis) {
		for (Transaction tx : block.transactions()) {
			if (!checkedBefore.test(tx) && !tx.hasValidId()) {
				return Optional.of(new Violation(Reason.TRANSACTION_ID,
						"transaction " + tx.id().abbreviated() + " has id " + tx.computeId().abbreviated()));
			}
		}
		return Optional.empty();
	}

}
