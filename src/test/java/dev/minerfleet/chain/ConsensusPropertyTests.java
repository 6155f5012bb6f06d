package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.minerfleet.chain.AddResult.Rejected;

/**
 * Properties of fork choice over random block trees. Each case is seeded and the seed is in its
 * name: to replay a failure, run the test with that seed.
 */
class ConsensusPropertyTests {

	static Stream<Long> seeds() {
		return RandomTree.seeds(60);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void anyDeliveryOrderWithDuplicatesGivesTheSameActiveChain(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		RandomTree tree = new RandomTree(random, 30);

		Blockchain first = tree.fixture().newBlockchain();
		Blockchain second = tree.fixture().newBlockchain();
		deliver(first, tree.shuffledWithDuplicates(random));
		deliver(second, tree.shuffledWithDuplicates(random));

		assertThat(first.snapshot().tip().hash()).isEqualTo(tree.heaviestTip());
		assertThat(second.snapshot().tip().hash()).isEqualTo(tree.heaviestTip());
		assertThat(hashes(first.snapshot())).isEqualTo(hashes(second.snapshot()));
		assertThat(first.orphanCount()).isZero();
		assertThat(first.knownBlocks()).isEqualTo(tree.blocks().size() + 1);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void tipAlwaysHasTheMostWorkOfAllKnownBlocks(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		RandomTree tree = new RandomTree(random, 25);
		Blockchain chain = tree.fixture().newBlockchain();
		for (Block block : tree.shuffledWithDuplicates(random)) {
			chain.add(block);
			StoredBlock tip = chain.snapshot().tip();
			for (Block known : tree.blocks()) {
				chain.find(known.hash())
					.ifPresent(stored -> assertThat(stored.chainWork()).isLessThanOrEqualTo(tip.chainWork()));
			}
			assertActiveChainLinksUp(chain.snapshot());
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void withTheDoubleSpendRuleAnyDeliveryOrderOfValidSpendsGivesTheSameActiveChain(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		RandomTree tree = new RandomTree(random, 30, 4);
		ChainParameters rule = TestChain.PARAMETERS.withDoubleSpendRule(true);

		Blockchain first = new Blockchain(rule, TestChain.CLOCK);
		Blockchain second = new Blockchain(rule, TestChain.CLOCK);
		deliver(first, tree.shuffledWithDuplicates(random));
		deliver(second, tree.shuffledWithDuplicates(random));

		assertThat(first.snapshot().tip().hash()).isEqualTo(tree.heaviestTip());
		assertThat(hashes(first.snapshot())).isEqualTo(hashes(second.snapshot()));
		assertThat(first.knownBlocks()).isEqualTo(tree.blocks().size() + 1);
	}

	private static void deliver(Blockchain chain, List<Block> blocks) {
		for (Block block : blocks) {
			assertThat(chain.add(block)).isNotInstanceOf(Rejected.class);
		}
	}

	private static void assertActiveChainLinksUp(ChainSnapshot view) {
		List<StoredBlock> blocks = view.range(0, view.height() + 1);
		for (int h = 1; h < blocks.size(); h++) {
			assertThat(blocks.get(h).previousHash()).isEqualTo(blocks.get(h - 1).hash());
			assertThat(blocks.get(h).height()).isEqualTo(h);
		}
	}

	private static List<Hash> hashes(ChainSnapshot view) {
		return view.range(0, view.height() + 1).stream().map(StoredBlock::hash).toList();
	}

}
