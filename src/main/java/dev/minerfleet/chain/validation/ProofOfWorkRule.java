package dev.minerfleet.chain.validation;

import java.util.Optional;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Target;
import dev.minerfleet.chain.validation.Violation.Reason;

/**
 * The block hash meets the target its header claims. Whether that is the right target for its
 * height is {@link TargetForHeightRule}'s business.
 */
public final class ProofOfWorkRule implements BlockRule {

	@Override
	public Optional<Violation> check(Block block, ChainParameters parameters, long nowMillis) {
		Target target = block.header().target();
		Hash hash = block.hash();
		if (!target.isMetBy(hash)) {
			return Optional.of(new Violation(Reason.PROOF_OF_WORK,
					"hash " + hash.abbreviated() + " above target " + target.compactHex()));
		}
		return Optional.empty();
	}

}
