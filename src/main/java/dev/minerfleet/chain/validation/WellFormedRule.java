package dev.minerfleet.chain.validation;

import java.util.Optional;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.Target;
import dev.minerfleet.chain.validation.Violation.Reason;

/** A block has the chain's version, at least one transaction, and bits that decode to a target. */
public final class WellFormedRule implements BlockRule {

	@Override
	public Optional<Violation> check(Block block, ChainParameters parameters, long nowMillis) {
		if (block.header().version() != parameters.version()) {
			return Optional.of(new Violation(Reason.MALFORMED,
					"version " + block.header().version() + ", this chain uses " + parameters.version()));
		}
		if (block.transactions().isEmpty()) {
			return Optional.of(new Violation(Reason.MALFORMED, "no transactions"));
		}
		try {
			Target.fromCompact(block.header().bits());
		}
		catch (IllegalArgumentException ex) {
			return Optional.of(new Violation(Reason.MALFORMED, ex.getMessage()));
		}
		return Optional.empty();
	}

}
