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

import dev.minerfleet.chain.AddResult.Reorganized;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.RandomTree;
import dev.minerfleet.chain.StoredBlock;
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
