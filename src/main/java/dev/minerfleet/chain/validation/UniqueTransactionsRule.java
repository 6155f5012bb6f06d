package dev.minerfleet.chain.validation;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.chain.validation.Violation.Reason;

/** No transaction id appears twice in a block (this also closes Bitcoin's CVE-2012-2459). */
public final class UniqueTransactionsRule implements BlockRule {

	@Override
	public Optional<Violation> check(Block block, ChainParameters parameters, long nowMillis) {
		Set<Hash> seen = new HashSet<>();
		for (Transaction tx : block.transactions()) {
			if (!seen.add(tx.id())) {
				return Optional.of(new Violation(Reason.DUPLICATE_TRANSACTION,
						"transaction " + tx.id().abbreviated() + " twice in the block"));
			}
		}
		return Optional.empty();
	}

}
