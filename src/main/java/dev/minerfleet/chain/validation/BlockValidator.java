package dev.minerfleet.chain.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.Transaction;

/**
 * Runs the rules in order, cheap and decisive first, and reports the first violation. Mined and
 * received blocks go through the same validator.
 */
public final class BlockValidator {

	private final ChainParameters parameters;

	private final List<BlockRule> blockRules;

	private final List<BranchRule> branchRules;

	public BlockValidator(ChainParameters parameters, List<BlockRule> blockRules, List<BranchRule> branchRules) {
		this.parameters = parameters;
		this.blockRules = List.copyOf(blockRules);
		this.branchRules = List.copyOf(branchRules);
	}

	/**
	 * Every rule of this package, in the order that rejects junk cheapest; {@link CoinSpentOnceRule} only when the
	 * parameters turn the double-spend rule on.
	 */
	public static BlockValidator standard(ChainParameters parameters) {
		return standard(parameters, tx -> false);
	}

	/**
	 * As {@link #standard(ChainParameters)}, but a transaction object for which {@code checkedBefore} is true has its
	 * id taken as checked ({@link TransactionIdRule}).
	 */
	public static BlockValidator standard(ChainParameters parameters, Predicate<Transaction> checkedBefore) {
		List<BranchRule> branchRules = new ArrayList<>(
				List.of(new TargetForHeightRule(), new TimestampAfterMedianRule(), new UnconfirmedTransactionsRule()));
		if (parameters.doubleSpendRule()) {
			branchRules.add(new CoinSpentOnceRule());
		}
		return new BlockValidator(parameters,
				List.of(new WellFormedRule(), new TargetLimitRule(), new SizeLimitRule(), new ProofOfWorkRule(),
						new FutureTimestampRule(), new CoinbaseRule(), new TransactionIdRule(checkedBefore),
						new UniqueTransactionsRule(), new MerkleRootRule()),
				branchRules);
	}

	/** The rules a block must meet on its own. */
	public Optional<Violation> checkBlock(Block block, long nowMillis) {
		for (BlockRule rule : blockRules) {
			Optional<Violation> violation = rule.check(block, parameters, nowMillis);
			if (violation.isPresent()) {
				return violation;
			}
		}
		return Optional.empty();
	}

	/** The rules a block must meet on the branch it extends. */
	public Optional<Violation> checkBranch(Block block, Branch branch) {
		for (BranchRule rule : branchRules) {
			Optional<Violation> violation = rule.check(block, branch);
			if (violation.isPresent()) {
				return violation;
			}
		}
		return Optional.empty();
	}

}
