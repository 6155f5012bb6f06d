package dev.minerfleet.chain.validation;

import java.util.Optional;

import dev.minerfleet.chain.Block;

/** An invariant of a block relative to the branch it extends: needs its parent. */
public interface BranchRule {

	Optional<Violation> check(Block block, Branch branch);

}
