package dev.minerfleet.chain.validation;

import java.util.Optional;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.Target;
import dev.minerfleet.chain.validation.Violation.Reason;

/**
 * A block claims no easier target than the chain's easiest (its proof-of-work limit). Checked
 * before proof of work, and for orphans too, so that a block needs real work before it may even
 * wait for its parent.
 */
public final class TargetLimitRule implements BlockRule {

	@Override
	public Optional<Violation> check(Block block, ChainParameters parameters, long nowMillis) {
		Target claimed = block.header().target();
		Target easiest = parameters.easiestTarget();
		if (claimed.value().compareTo(easiest.value()) > 0) {
			return Optional.of(new Violation(Reason.WRONG_TARGET,
					"bits " + claimed.compactHex() + " easier than the chain's limit " + easiest.compactHex()));
		}
		return Optional.empty();
	}

}
