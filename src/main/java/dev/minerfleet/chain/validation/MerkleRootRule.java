package dev.minerfleet.chain.validation;

import java.util.Optional;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.validation.Violation.Reason;

/** The header's merkle root is the root of the block's transaction ids. */
public final class MerkleRootRule implements BlockRule {

	@Override
	public Optional<Violation> check(Block block, ChainParameters parameters, long nowMillis) {
		Hash computed = block.transactionsRoot();
		Hash claimed = block.header().merkleRoot();
		if (!computed.equals(claimed)) {
			return Optional.of(new Violation(Reason.MERKLE_ROOT,
					"header says " + claimed.abbreviated() + ", transactions give " + computed.abbreviated()));
		}
		return Optional.empty();
	}

}
