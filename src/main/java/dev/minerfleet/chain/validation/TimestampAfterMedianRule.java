package dev.minerfleet.chain.validation;

import java.util.Optional;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.validation.Violation.Reason;

/** A block's timestamp is above the median of the timestamps of the last blocks before it. */
public final class TimestampAfterMedianRule implements BranchRule {

	@Override
	public Optional<Violation> check(Block block, Branch branch) {
		long median = branch.medianTimePast();
		long timestamp = block.header().timestamp();
		if (timestamp <= median) {
			return Optional.of(new Violation(Reason.TIMESTAMP_TOO_OLD,
					"timestamp " + timestamp + " not above median time past " + median));
		}
		return Optional.empty();
	}

}
