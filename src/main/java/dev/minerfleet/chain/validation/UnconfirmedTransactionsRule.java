package dev.minerfleet.chain.validation;

import java.util.Optional;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.chain.validation.Violation.Reason;

/** No transaction of a block is already confirmed by an ancestor on its branch. */
public final class UnconfirmedTransactionsRule implements BranchRule {

	@Override
	public Optional<Violation> check(Block block, Branch branch) {
		for (Transaction tx : block.transactions()) {
			if (branch.confirms(tx.id())) {
				return Optional.of(new Violation(Reason.TRANSACTION_ALREADY_CONFIRMED,
						"transaction " + tx.id().abbreviated() + " already confirmed on this branch"));
			}
		}
		return Optional.empty();
	}

}
