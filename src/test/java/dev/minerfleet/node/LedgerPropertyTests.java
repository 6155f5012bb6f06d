package dev.minerfleet.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.AddResult.Reorganized;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.RandomTree;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool;

/**
 * After any sequence of blocks and transactions, with all the reorganisations a random delivery
 * order causes, no transaction is lost and none is duplicated: every transaction the ledger has
 * seen is on the active chain or in the mempool, exactly once. Seeded; the seed is in the name.
 */
class LedgerPropertyTests {

	static Stream<Long> seeds() {
		return RandomTree.seeds(60);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void everySeenTransactionIsConfirmedOrPendingExactlyOnce(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		RandomTree tree = new RandomTree(random, 30);
		Ledger ledger = new Ledger(tree.fixture().newBlockchain(), new Mempool(100_000, 100_000_000));
		Set<Hash> seen = new HashSet<>();

		List<Object> events = new ArrayList<>(tree.shuffledWithDuplicates(random));
		for (Transaction tx : tree.transactions()) {
			if (random.nextBoolean()) {
				events.add(random.nextInt(events.size() + 1), tx);
			}
		}
		for (Object event : events) {
			if (event instanceof Transaction tx) {
				ledger.submitTransaction(tx);
				seen.add(tx.id());
			}
			else {
				ledger.submitBlock((Block) event);
			}
			seen.addAll(transactionsInTree(ledger, tree));
			assertEachSeenTransactionOnceOnChainOrPending(ledger, seen);
		}
		assertThat(seen).hasSize(tree.transactions().size());
	}

	@org.junit.jupiter.api.Test
	void randomDeliveryOrdersDoCauseReorganisations() {
		int reorgs = 0;
		for (long seed : seeds().toList()) {
			SplittableRandom random = new SplittableRandom(seed);
			RandomTree tree = new RandomTree(random, 30);
			Ledger ledger = new Ledger(tree.fixture().newBlockchain(), new Mempool(100_000, 100_000_000));
			for (Block block : tree.shuffledWithDuplicates(random)) {
				if (ledger.submitBlock(block) instanceof Reorganized) {
					reorgs++;
				}
			}
		}
		// the property above is only worth something if reorganisations happen under it
		assertThat(reorgs).isGreaterThan(30);
	}

	/**
	 * With conflicting spends and the double-spend rule on: the active chain never spends a coin twice, the template
	 * never offers two spends of one coin nor one of a spent coin, and every seen transaction is exactly one of on
	 * the chain, pending, or dropped because another spend of its coin is on the chain. A spend refused at the door
	 * (its coin already spent) is not seen: the node never took it.
	 */
	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void activeChainNeverSpendsACoinTwiceAndEverySeenSpendIsConfirmedPendingOrDroppedForTheConfirmedOne(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		RandomTree tree = new RandomTree(random, 30, 4);
		Ledger ledger = coinLedger();
		Map<Hash, Transaction> seen = new HashMap<>();

		List<Object> events = new ArrayList<>(tree.shuffledWithDuplicates(random));
		for (Transaction tx : tree.transactions()) {
			if (tx.coin().isPresent() || random.nextBoolean()) {
				events.add(random.nextInt(events.size() + 1), tx);
			}
		}
		for (Object event : events) {
			if (event instanceof Transaction tx) {
				if (ledger.submitTransaction(tx) != Mempool.Admission.COIN_ALREADY_SPENT) {
					seen.put(tx.id(), tx);
				}
			}
			else {
				assertThat(ledger.submitBlock((Block) event)).isNotInstanceOf(AddResult.Rejected.class);
			}
			for (Block block : tree.blocks()) {
				if (ledger.chain().find(block.hash()).isPresent()) {
					block.transactions().stream().filter(tx -> !tx.isCoinbase()).forEach(tx -> seen.put(tx.id(), tx));
				}
			}
			assertEachSeenSpendOnChainPendingOrDropped(ledger, seen);
		}
	}

	@org.junit.jupiter.api.Test
	void conflictingSpendsDoGetDroppedAndRevived() {
		long dropped = 0;
		long revivedOrKept = 0;
		for (long seed : seeds().toList()) {
			SplittableRandom random = new SplittableRandom(seed);
			RandomTree tree = new RandomTree(random, 30, 4);
			Ledger ledger = coinLedger();
			for (Transaction tx : tree.transactions()) {
				ledger.submitTransaction(tx);
			}
			for (Block block : tree.shuffledWithDuplicates(random)) {
				ledger.submitBlock(block);
			}
			dropped += ledger.mempool().doubleSpendsDropped();
			revivedOrKept += ledger.mempool().transactions().stream().filter(tx -> tx.coin().isPresent()).count();
		}
		// the property above is only worth something if spends lose, and coins stay spendable, under it
		assertThat(dropped).isGreaterThan(30);
		assertThat(revivedOrKept).isGreaterThan(0);
	}

	private static Ledger coinLedger() {
		return new Ledger(new Blockchain(TestChain.PARAMETERS.withDoubleSpendRule(true), TestChain.CLOCK),
				new Mempool(100_000, 100_000_000));
	}

	private static void assertEachSeenSpendOnChainPendingOrDropped(Ledger ledger, Map<Hash, Transaction> seen) {
		ChainSnapshot view = ledger.chain().snapshot();
		Map<Hash, Integer> onChain = new HashMap<>();
		Map<String, Hash> spender = new HashMap<>();
		for (StoredBlock block : view.range(0, view.height() + 1)) {
			for (Transaction tx : block.block().transactions()) {
				onChain.merge(tx.id(), 1, Integer::sum);
				tx.coin().ifPresent(coin -> {
					Hash earlier = spender.put(coin, tx.id());
					assertThat(earlier).as("a second spend of coin %s on the active chain", coin).isNull();
				});
			}
		}
		Set<Hash> pending = new HashSet<>();
		for (Transaction tx : ledger.mempool().transactions()) {
			assertThat(pending.add(tx.id())).isTrue();
			tx.coin().ifPresent(coin -> assertThat(spender).as("pending spend of a spent coin").doesNotContainKey(coin));
		}
		for (Transaction tx : seen.values()) {
			int copies = onChain.getOrDefault(tx.id(), 0) + (pending.contains(tx.id()) ? 1 : 0);
			boolean dropped = copies == 0 && tx.coin().map(spender::containsKey).orElse(false);
			assertThat(copies == 1 || dropped)
				.as("%s (coin %s): on chain %s, pending %s", tx.id().abbreviated(), tx.coin().orElse("none"),
						onChain.containsKey(tx.id()), pending.contains(tx.id()))
				.isTrue();
			assertThat(ledger.mempool().findDropped(tx.id()).isPresent()).as("kept aside exactly when dropped")
				.isEqualTo(dropped);
		}
		assertThat(pending).isSubsetOf(seen.keySet());
		Set<String> offered = new HashSet<>();
		for (Transaction tx : ledger.candidates(5_000, 2_000_000).transactions()) {
			tx.coin().ifPresent(coin -> {
				assertThat(offered.add(coin)).as("two spends of %s in a template", coin).isTrue();
				assertThat(spender).doesNotContainKey(coin);
			});
		}
	}

	private static Set<Hash> transactionsInTree(Ledger ledger, RandomTree tree) {
		Set<Hash> ids = new HashSet<>();
		for (Block block : tree.blocks()) {
			if (ledger.chain().find(block.hash()).isPresent()) {
				block.transactions().stream().filter(tx -> !tx.isCoinbase()).forEach(tx -> ids.add(tx.id()));
			}
		}
		return ids;
	}

	private static void assertEachSeenTransactionOnceOnChainOrPending(Ledger ledger, Set<Hash> seen) {
		ChainSnapshot view = ledger.chain().snapshot();
		Map<Hash, Integer> onChain = new HashMap<>();
		for (StoredBlock block : view.range(0, view.height() + 1)) {
			block.block().transactions().forEach(tx -> onChain.merge(tx.id(), 1, Integer::sum));
		}
		List<Transaction> pending = ledger.mempool().transactions();
		Map<Hash, Integer> inPool = new HashMap<>();
		pending.forEach(tx -> inPool.merge(tx.id(), 1, Integer::sum));
		for (Hash id : seen) {
			int copies = onChain.getOrDefault(id, 0) + inPool.getOrDefault(id, 0);
			assertThat(copies).as("copies of %s on chain or pending", id.abbreviated()).isEqualTo(1);
		}
		assertThat(inPool.keySet()).isSubsetOf(seen);
	}

}
