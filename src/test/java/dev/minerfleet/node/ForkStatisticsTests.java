package dev.minerfleet.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.RandomTree;
import dev.minerfleet.chain.TestChain;

class ForkStatisticsTests {

	private final TestChain blocks = new TestChain();

	private final Blockchain chain = blocks.newBlockchain();

	private final ForkStatistics forks = ForkStatistics.following(chain);

	@Test
	void startsWithNothingButGenesisCounted() {
		assertThat(forks.staleBlocks()).isZero();
		assertThat(forks.forksSeen()).isZero();
		assertThat(forks.reorgDepths()).isEmpty();
		assertThat(forks.blocksByFinder()).isEmpty();
	}

	@Test
	void countsALosingSiblingAsOneForkAndOneStaleBlock() {
		//   genesis ── a1 ── a2 ── a3
		//               └── b2            a1's second child: a fork; never active: stale
		Block a1 = blocks.block(blocks.genesis(), "a");
		Block a2 = blocks.block(a1, "a");
		Block b2 = blocks.block(a1, "b");
		Block a3 = blocks.block(a2, "a");
		add(a1, a2, b2, a3);

		assertThat(forks.forksSeen()).isEqualTo(1);
		assertThat(forks.staleBlocks()).isEqualTo(1);
		assertThat(forks.staleBlocksFoundBy("b")).isEqualTo(1);
		assertThat(forks.staleBlocksFoundBy("a")).isZero();
		assertThat(forks.blocksByFinder()).containsExactly(Map.entry("a", 3L));
		assertThat(forks.activeBlocksFoundBy("a")).isEqualTo(3);
		assertThat(forks.reorgDepths()).isEmpty();
	}

	@Test
	void aReorganisationMovesBlocksBetweenActiveAndStaleAndRecordsItsDepth() {
		//   genesis ── m1 ── m2                 active first, found by "me"
		//         └── s1 ── s2 ── s3            more work: depth 2, m1 and m2 go stale
		List<Block> mine = blocks.blocks(blocks.genesis(), "me", 2);
		List<Block> theirs = blocks.blocks(blocks.genesis(), "them", 3);
		mine.forEach(block -> add(block));
		assertThat(forks.blocksByFinder()).containsExactly(Map.entry("me", 2L));
		theirs.forEach(block -> add(block));

		assertThat(chain.snapshot().tip().hash()).isEqualTo(theirs.get(2).hash());
		assertThat(forks.blocksByFinder()).containsExactly(Map.entry("them", 3L));
		assertThat(forks.staleBlocks()).isEqualTo(2);
		assertThat(forks.staleBlocksFoundBy("me")).isEqualTo(2);
		assertThat(forks.activeBlocksFoundBy("me")).isZero();
		assertThat(forks.forksSeen()).isEqualTo(1);
		assertThat(forks.reorgDepths()).containsExactly(Map.entry(2, 1L));
	}

	@Test
	void aForkThatSwitchesBackAndForthCountsOnceAndEveryReorganisation() {
		//   genesis ── x1 ── x2 ─────── x3 ── x4      x wins, then y, then x again
		//         └── y1 ── y2 ── y3
		List<Block> x = blocks.blocks(blocks.genesis(), "x", 4);
		List<Block> y = blocks.blocks(blocks.genesis(), "y", 3);
		add(x.get(0), x.get(1), y.get(0), y.get(1), y.get(2), x.get(2), x.get(3));

		assertThat(forks.forksSeen()).isEqualTo(1);
		assertThat(forks.reorgDepths()).containsExactly(Map.entry(2, 1L), Map.entry(3, 1L));
		assertThat(forks.blocksByFinder()).containsExactly(Map.entry("x", 4L));
		assertThat(forks.staleBlocks()).isEqualTo(3);
	}

	@Test
	void blocksConnectedFromTheOrphanPoolAreCountedLikeAnyOther() {
		//   genesis ── a1 ── a2 ── a3       a3 and a2 arrive before a1
		//         └── b1                    arrives first: a1 is then genesis's second child
		List<Block> a = blocks.blocks(blocks.genesis(), "a", 3);
		Block b1 = blocks.block(blocks.genesis(), "b");
		assertThat(chain.add(b1)).isInstanceOf(AddResult.Extended.class);
		assertThat(chain.add(a.get(2))).isInstanceOf(AddResult.Orphaned.class);
		assertThat(chain.add(a.get(1))).isInstanceOf(AddResult.Orphaned.class);
		assertThat(chain.add(a.get(0))).isInstanceOf(AddResult.Reorganized.class);

		assertThat(forks.forksSeen()).isEqualTo(1);
		assertThat(forks.blocksByFinder()).containsExactly(Map.entry("a", 3L));
		assertThat(forks.staleBlocks()).isEqualTo(1);
		assertThat(forks.reorgDepths()).containsExactly(Map.entry(1, 1L));
	}

	@Test
	void followsAChainFromWhereItStands() {
		blocks.blocks(blocks.genesis(), "a", 3).forEach(block -> add(block));
		ForkStatistics late = ForkStatistics.following(chain);
		assertThat(late.blocksByFinder()).containsExactly(Map.entry("a", 3L));
		assertThat(late.staleBlocks()).isZero();
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void agreesWithACountOverTheWholeTreeAfterEveryBlockInAnyDeliveryOrder(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		RandomTree tree = new RandomTree(random, 60);
		Blockchain tested = tree.fixture().newBlockchain();
		ForkStatistics statistics = ForkStatistics.following(tested);
		Map<Integer, Long> depths = new TreeMap<>();
		for (Block block : tree.shuffledWithDuplicates(random)) {
			AddResult result = tested.add(block);
			if (result instanceof AddResult.Reorganized reorg) {
				depths.merge(reorg.depth(), 1L, Long::sum);
			}
			ChainSnapshot view = tested.snapshot();
			Map<String, Long> byFinder = new TreeMap<>();
			for (int h = 1; h <= view.height(); h++) {
				byFinder.merge(view.at(h).orElseThrow().miner(), 1L, Long::sum);
			}
			assertThat(statistics.blocksByFinder()).isEqualTo(byFinder);
			assertThat(statistics.staleBlocks()).isEqualTo(tested.knownBlocks() - (view.height() + 1L));
			assertThat(statistics.forksSeen()).isEqualTo(siblingsBeyondTheFirst(tree, tested));
			assertThat(statistics.reorgDepths()).isEqualTo(depths);
		}
		assertThat(tested.snapshot().tip().hash()).isEqualTo(tree.heaviestTip());
	}

	static java.util.stream.Stream<Long> seeds() {
		return RandomTree.seeds(8);
	}

	/** Over the blocks the tree holds: for each parent, its children but one. */
	private static long siblingsBeyondTheFirst(RandomTree tree, Blockchain chain) {
		Map<Hash, Integer> children = new HashMap<>();
		for (Block block : tree.blocks()) {
			if (chain.find(block.hash()).isPresent()) {
				children.merge(block.previousHash(), 1, Integer::sum);
			}
		}
		return children.values().stream().mapToLong(count -> count - 1).sum();
	}

	private void add(Block... added) {
		for (Block block : added) {
			AddResult result = chain.add(block);
			assertThat(result).isNotInstanceOfAny(AddResult.Rejected.class, AddResult.Orphaned.class);
		}
	}

}
