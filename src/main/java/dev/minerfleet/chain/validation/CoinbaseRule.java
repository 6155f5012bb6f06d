package dev.minerfleet.chain.validation;

import java.util.List;
import java.util.Optional;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.chain.validation.Violation.Reason;

/**
 * The first transaction is a coinbase paying the chain's reward to its origin, and no other
 * transaction is one.
 */
public final class CoinbaseRule implements BlockRule {

	@Override
	public Optional<Violation> check(Block block, ChainParameters parameters, long nowMillis) {
		List<Transaction> transactions = block.transactions();
		Transaction first = transactions.get(0);
		if (!first.isCoinbase()) {
			return Optional.of(new Violation(Reason.BAD_COINBASE, "first transaction is not a coinbase"));
		}
		if (first.amount() != parameters.blockReward() || !first.receiver().equals(first.origin())) {
			return Optional.of(new Violation(Reason.BAD_COINBASE,
					"coinbase must pay " + parameters.blockReward() + " to its origin"));
		}
		for (int i = 1; i < transactions.size(); i++) {
			if (transactions.get(i).isCoinbase()) {
				return Optional.of(new Violation(Reason.BAD_COINBASE, "coinbase at position " + i));
			}
		}
		return Optional.empty();
	}

}
