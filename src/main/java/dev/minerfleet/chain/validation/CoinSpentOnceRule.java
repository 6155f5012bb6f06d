package dev.minerfleet.chain.validation;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.chain.validation.Violation.Reason;

/**
 * Each coin is spent at most once on a branch: a block holds no two transactions spending one coin
 * ({@link Transaction#coin()}), nor one spending a coin its ancestors spent. Optional: in force only when the
 * chain's parameters turn the double-spend rule on. Asks the branch through its coin index, never by scanning it.
 */
public final class CoinSpentOnceRule implements BranchRule {

	@Override
	public Optional<Violation> check(Block block, Branch branch) {
		Set<String> inBlock = new HashSet<>();
		for (Transaction tx : block.transactions()) {
			Optional<String> coin = tx.coin();
			if (coin.isEmpty()) {
				continue;
			}
			if (!inBlock.add(coin.get())) {
				return Optional.of(new Violation(Reason.DOUBLE_SPEND, "coin " + coin.get() + " spent twice in the block"
						+ " (again by transaction " + tx.id().abbreviated() + ")"));
			}
			if (branch.spends(coin.get())) {
				return Optional.of(new Violation(Reason.DOUBLE_SPEND, "transaction " + tx.id().abbreviated()
						+ " spends coin " + coin.get() + ", already spent on this branch"));
			}
		}
		return Optional.empty();
	}

}
