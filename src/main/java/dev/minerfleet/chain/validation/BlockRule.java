package dev.minerfleet.chain.validation;

import java.util.Optional;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainParameters;

/**
 * An invariant of a block by itself, checkable before its parent is known (so orphans are
 * checked too). One rule a class, named after its invariant.
 */
public interface BlockRule {

	Optional<Violation> check(Block block, ChainParameters parameters, long nowMillis);

}
