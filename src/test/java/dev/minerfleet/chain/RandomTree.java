package dev.minerfleet.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A random block tree for property tests: each new block extends a random earlier one, preferring
 * recent blocks as racing miners do, and holds a random mix of fresh transactions and ones already
 * used on other branches (never one its own branch confirms, so every block is valid).
 *
 * <p>
 * With coins, about half the fresh transactions spend one of that many coins, so spends conflict:
 * a block never holds a spend of a coin its branch (or itself) spent already, so every block is valid
 * under the double-spend rule too; a fresh spend that would break it is left out of the block and
 * only listed among the transactions, for tests to deliver on its own.
 */
public final class RandomTree {

	private final TestChain fixture = new TestChain();

	private final List<Block> blocks = new ArrayList<>();

	private final List<Transaction> transactions = new ArrayList<>();

	private final Map<Hash, Set<Hash>> branchTransactions = new HashMap<>();

	private final Map<Hash, Set<String>> branchCoins = new HashMap<>();

	private final Map<Hash, Integer> heights = new HashMap<>();

	private final int coins;

	public RandomTree(RandomGenerator random, int size) {
		this(random, size, 0);
	}

	/** A tree whose transactions spend {@code coins} coins between them (none for 0). */
	public RandomTree(RandomGenerator random, int size, int coins) {
		this.coins = coins;
		branchTransactions.put(fixture.genesis().hash(), Set.of());
		branchCoins.put(fixture.genesis().hash(), Set.of());
		heights.put(fixture.genesis().hash(), 0);
		List<Block> all = new ArrayList<>(List.of(fixture.genesis()));
		for (int i = 0; i < size; i++) {
			int window = Math.min(all.size(), 4);
			Block parent = all.get(all.size() - 1 - random.nextInt(window));
			add(random, parent, all);
		}
		// make the heaviest tip unique, so every delivery order must agree on it
		while (deepest(all).size() > 1) {
			add(random, deepest(all).get(0), all);
		}
	}

	private void add(RandomGenerator random, Block parent, List<Block> all) {
		Set<Hash> onBranch = branchTransactions.get(parent.hash());
		Set<String> spent = new HashSet<>(branchCoins.get(parent.hash()));
		List<Transaction> chosen = new ArrayList<>();
		for (Transaction tx : transactions) {
			if (!onBranch.contains(tx.id()) && random.nextInt(4) == 0 && spendable(tx, spent)) {
				chosen.add(tx);
			}
		}
		for (int n = random.nextInt(3); n > 0; n--) {
			Transaction fresh = (coins > 0 && random.nextBoolean()) ? fixture.spend("c" + random.nextInt(coins))
					: fixture.transaction();
			transactions.add(fresh);
			if (spendable(fresh, spent)) {
				chosen.add(fresh);
			}
		}
		Block block = fixture.block(parent, "m" + random.nextInt(3),
				parent.header().timestamp() + 1 + random.nextInt(2000), TestChain.PARAMETERS.initialTarget(), chosen);
		Set<Hash> branch = new HashSet<>(onBranch);
		block.transactions().forEach(tx -> branch.add(tx.id()));
		branchTransactions.put(block.hash(), branch);
		branchCoins.put(block.hash(), spent);
		heights.put(block.hash(), heights.get(parent.hash()) + 1);
		blocks.add(block);
		all.add(block);
	}

	/** Whether {@code tx} may join a block whose branch and earlier transactions spent {@code spent}; if so, adds its coin. */
	private static boolean spendable(Transaction tx, Set<String> spent) {
		return tx.coin().map(spent::add).orElse(true);
	}

	private List<Block> deepest(List<Block> all) {
		int max = all.stream().mapToInt(b -> heights.get(b.hash())).max().orElseThrow();
		return all.stream().filter(b -> heights.get(b.hash()) == max).toList();
	}

	/** Every block but genesis, in the order they were made. */
	public List<Block> blocks() {
		return blocks;
	}

	/** Every non-coinbase transaction the blocks hold or that was made for them. */
	public List<Transaction> transactions() {
		return transactions;
	}

	public Hash heaviestTip() {
		return deepest(new ArrayList<>(blocks)).get(0).hash();
	}

	/** Delivery order: all blocks shuffled, some delivered twice. */
	public List<Block> shuffledWithDuplicates(RandomGenerator random) {
		List<Block> order = new ArrayList<>(blocks);
		for (Block block : blocks) {
			if (random.nextInt(5) == 0) {
				order.add(block);
			}
		}
		for (int i = order.size() - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			Block swap = order.get(i);
			order.set(i, order.get(j));
			order.set(j, swap);
		}
		return order;
	}

	public TestChain fixture() {
		return fixture;
	}

	/** Seeds for parameterised property tests, derived from one fixed seed so runs repeat. */
	public static Stream<Long> seeds(int count) {
		return LongStream.iterate(0x5eed_0001L, seed -> seed * 6364136223846793005L + 1442695040888963407L)
			.limit(count)
			.boxed();
	}

}
