package dev.minerfleet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.TestChain;

class TreeWindowTests {

	private final TestChain blocks = new TestChain();

	private final Blockchain chain = blocks.newBlockchain();

	private final ForkStatistics forks = ForkStatistics.following(chain);

	@Test
	void holdsTheTopHeightsOfTheActiveChainAndTheSideBranchesAboveTheBottom() {
		//   genesis ── a1 ── a2 ── a3 ── a4 ── a5      window of depth 3: #3..#5
		//         │           └── b3 ── b4            side branch inside the window: b3, b4
		//         └── c1                              branch tip below the bottom: left out
		List<Block> a = blocks.blocks(blocks.genesis(), "a", 5);
		Block b3 = blocks.block(a.get(1), "b");
		Block b4 = blocks.block(b3, "b");
		Block c1 = blocks.block(blocks.genesis(), "c");
		a.forEach(chain::add);
		chain.add(b3);
		chain.add(b4);
		chain.add(c1);

		TreeWindow window = TreeWindow.of(chain, chain.snapshot(), forks.branchTips(), 3, 10);

		assertThat(window.bottom()).isEqualTo(3);
		assertThat(window.blocks()).extracting(StoredBlock::hash)
			.containsExactly(a.get(2).hash(), b3.hash(), a.get(3).hash(), b4.hash(), a.get(4).hash());
		assertThat(window.blocks()).filteredOn(window::isActive)
			.extracting(StoredBlock::hash)
			.containsExactly(a.get(2).hash(), a.get(3).hash(), a.get(4).hash());
		assertThat(window.orphans()).isEmpty();
	}

	@Test
	void reachesDownToGenesisOnAShortChainAndListsTheLatestOrphans() {
		//   genesis ── a1 ── a2          x2 ── x3 ── x4 (x1 never came: three orphans)
		List<Block> a = blocks.blocks(blocks.genesis(), "a", 2);
		List<Block> x = blocks.blocks(blocks.genesis(), "x", 4);
		a.forEach(chain::add);
		x.subList(1, 4).forEach(chain::add);

		TreeWindow window = TreeWindow.of(chain, chain.snapshot(), forks.branchTips(), 100, 2);

		assertThat(window.bottom()).isZero();
		assertThat(window.blocks()).extracting(StoredBlock::height).containsExactly(0, 1, 2);
		assertThat(window.orphans()).extracting(Block::hash).containsExactly(x.get(2).hash(), x.get(3).hash());
	}

	@Test
	void readsOnlyTheWindowOfALongChain() {
		List<Block> a = blocks.blocks(blocks.genesis(), "a", 300);
		a.forEach(chain::add);

		TreeWindow window = TreeWindow.of(chain, chain.snapshot(), forks.branchTips(), 1, 0);

		assertThat(window.blocks()).extracting(StoredBlock::height).containsExactly(300);
	}

	@Test
	void refusesAnEmptyWindow() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TreeWindow.of(chain, chain.snapshot(), forks.branchTips(), 0, 0))
			.withMessageContaining("depth must be at least 1");
	}

}
