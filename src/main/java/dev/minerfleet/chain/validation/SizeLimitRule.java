package dev.minerfleet.chain.validation;

import java.util.Optional;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.validation.Violation.Reason;

/** A block holds at most the chain's maximum number of transactions and bytes. */
public final class SizeLimitRule implements BlockRule {

	@Override
	public Optional<Violation> check(Block block, ChainParameters parameters, long nowMillis) {
		int count = block.transactions().size();
		if (count > parameters.maxBlockTransactions()) {
			return Optional.of(new Violation(Reason.TOO_MANY_TRANSACTIONS,
					count + " transactions, at most " + parameters.maxBlockTransactions()));
		}
		long size = block.size();
		if (size > parameters.maxBlockBytes()) {
			return Optional
				.of(new Violation(Reason.TOO_MANY_BYTES, size + " bytes, at most " + parameters.maxBlockBytes()));
		}
		return Optional.empty();
	}

}
