package dev.minerfleet.chain.validation;

import java.util.Optional;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.validation.Violation.Reason;

/** A block's timestamp is at most the chain's maximum drift ahead of the local clock. */
public final class FutureTimestampRule implements BlockRule {

	@Override
	public Optional<Violation> check(Block block, ChainParameters parameters, long nowMillis) {
		long limit = nowMillis + parameters.maxFutureDrift().toMillis();
		long timestamp = block.header().timestamp();
		if (timestamp > limit) {
			return Optional.of(new Violation(Reason.TIMESTAMP_TOO_FAR_IN_FUTURE,
					"timestamp " + timestamp + " is " + (timestamp - nowMillis) + " ms ahead, at most "
							+ parameters.maxFutureDrift().toMillis()));
		}
		return Optional.empty();
	}

}
