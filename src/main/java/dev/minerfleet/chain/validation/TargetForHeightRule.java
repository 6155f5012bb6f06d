package dev.minerfleet.chain.validation;

import java.util.Optional;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Target;
import dev.minerfleet.chain.validation.Violation.Reason;

/** A block carries exactly the target its branch expects at its height. */
public final class TargetForHeightRule implements BranchRule {

	@Override
	public Optional<Violation> check(Block block, Branch branch) {
		Target expected = branch.expectedTarget();
		if (block.header().bits() != expected.compact()) {
			return Optional.of(new Violation(Reason.WRONG_TARGET,
					"bits " + String.format("%08x", block.header().bits()) + " at height "
							+ (branch.parent().height() + 1) + ", expected " + expected.compactHex()));
		}
		return Optional.empty();
	}

}
