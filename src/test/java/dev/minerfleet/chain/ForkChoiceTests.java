package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.minerfleet.chain.AddResult.Duplicate;
import dev.minerfleet.chain.AddResult.Extended;
import dev.minerfleet.chain.AddResult.Orphaned;
import dev.minerfleet.chain.AddResult.Reorganized;
import dev.minerfleet.chain.AddResult.SideChain;
import dev.minerfleet.chain.ChainListener.ChainReorganized;
import dev.minerfleet.chain.ChainListener.TipChanged;

/** Fork scenarios, each drawn as the tree it builds (G is genesis, time runs left to right). */
class ForkChoiceTests {

	private final TestChain fixture = new TestChain();

	private final Blockchain chain = fixture.newBlockchain();

	private final List<TipChanged> tips = new ArrayList<>();

	private final List<ChainReorganized> reorgs = new ArrayList<>();

	ForkChoiceTests() {
		chain.addListener(new ChainListener() {
			@Override
			public void tipChanged(TipChanged event) {
				tips.add(event);
			}

			@Override
			public void reorganized(ChainReorganized event) {
				reorgs.add(event);
			}
		});
	}

	/**
	 * <pre>
	 * G - A1          A1 arrives first
	 *   \ B1          B1 has the same work: A1 stays
	 *       \ B2      B2 makes B's branch heavier: reorg of depth 1
	 * </pre>
	 */
	@Test
	void oneBlockRaceKeepsTheFirstSeenUntilTheOtherBranchGrows() {
		Block a1 = fixture.block(fixture.genesis(), "a", fixture.transaction());
		Block b1 = fixture.block(fixture.genesis(), "b", fixture.transaction());
		Block b2 = fixture.block(b1, "b", fixture.transaction());

		assertThat(chain.add(a1)).isInstanceOf(Extended.class);
		assertThat(chain.add(b1)).isInstanceOf(SideChain.class);
		assertThat(tipHash()).isEqualTo(a1.hash());

		AddResult result = chain.add(b2);

		assertThat(result).isInstanceOfSatisfying(Reorganized.class, reorg -> {
			assertThat(reorg.depth()).isEqualTo(1);
			assertThat(reorg.forkPoint().hash()).isEqualTo(fixture.genesis().hash());
			assertThat(reorg.disconnected()).extracting(StoredBlock::hash).containsExactly(a1.hash());
			assertThat(reorg.connected()).extracting(StoredBlock::hash).containsExactly(b1.hash(), b2.hash());
		});
		assertThat(tipHash()).isEqualTo(b2.hash());
		assertThat(reorgs).singleElement().satisfies(event -> {
			assertThat(event.depth()).isEqualTo(1);
			assertThat(event.oldTip().hash()).isEqualTo(a1.hash());
			assertThat(event.newTip().hash()).isEqualTo(b2.hash());
		});
		assertThat(tips).extracting(event -> event.newTip().hash()).containsExactly(a1.hash(), b2.hash());
	}

	/**
	 * <pre>
	 * G - 1 - 2 - A3 - A4 - A5          active first
	 *          \ B3 - B4 - B5 - B6      B6 outweighs: reorg of depth 3 at block 2
	 * </pre>
	 */
	@Test
	void threeDeepReorganisationSwitchesToTheHeavierBranch() {
		List<Block> trunk = fixture.blocks(fixture.genesis(), "t", 2);
		List<Block> a = fixture.blocks(trunk.get(1), "a", 3);
		List<Block> b = fixture.blocks(trunk.get(1), "b", 4);
		trunk.forEach(chain::add);
		a.forEach(chain::add);
		for (int i = 0; i < 3; i++) {
			assertThat(chain.add(b.get(i))).isInstanceOf(SideChain.class);
		}

		AddResult result = chain.add(b.get(3));

		assertThat(result).isInstanceOfSatisfying(Reorganized.class, reorg -> {
			assertThat(reorg.depth()).isEqualTo(3);
			assertThat(reorg.forkPoint().hash()).isEqualTo(trunk.get(1).hash());
			assertThat(reorg.disconnected()).extracting(StoredBlock::hash)
				.containsExactlyElementsOf(a.stream().map(Block::hash).toList());
			assertThat(reorg.connected()).extracting(StoredBlock::hash)
				.containsExactlyElementsOf(b.stream().map(Block::hash).toList());
		});
		ChainSnapshot view = chain.snapshot();
		assertThat(view.height()).isEqualTo(6);
		assertThat(view.range(0, 10)).extracting(StoredBlock::hash).containsExactly(fixture.genesis().hash(),
				trunk.get(0).hash(), trunk.get(1).hash(), b.get(0).hash(), b.get(1).hash(), b.get(2).hash(),
				b.get(3).hash());
		// the old branch is still known, just not active
		StoredBlock a5 = chain.find(a.get(2).hash()).orElseThrow();
		assertThat(view.contains(a5)).isFalse();
		assertThat(view.confirmations(a5)).isZero();
	}

	/**
	 * <pre>
	 * G - 1 - 2 - 3 - 4     delivered 4, 3, 2, then 1
	 * </pre>
	 * 4, 3 and 2 wait as orphans; 1 connects the whole chain at once.
	 */
	@Test
	void orphanChainArrivingChildFirstConnectsWhenItsRootArrives() {
		List<Block> blocks = fixture.blocks(fixture.genesis(), "m", 4);

		for (int i = 3; i >= 1; i--) {
			assertThat(chain.add(blocks.get(i))).isInstanceOfSatisfying(Orphaned.class,
					orphan -> assertThat(orphan.missingParent()).isNotNull());
		}
		assertThat(chain.orphanCount()).isEqualTo(3);
		assertThat(chain.snapshot().height()).isZero();

		AddResult result = chain.add(blocks.get(0));

		assertThat(result).isInstanceOfSatisfying(Extended.class, extended -> assertThat(extended.connected())
			.extracting(StoredBlock::hash)
			.containsExactlyElementsOf(blocks.stream().map(Block::hash).toList()));
		assertThat(chain.orphanCount()).isZero();
		assertThat(chain.snapshot().tip().hash()).isEqualTo(blocks.get(3).hash());
		assertThat(tips).singleElement().satisfies(event -> assertThat(event.newTip().height()).isEqualTo(4));
	}

	@Test
	void recognisesDuplicatesOfStoredAndOrphanedBlocks() {
		List<Block> blocks = fixture.blocks(fixture.genesis(), "m", 2);
		chain.add(blocks.get(1));
		assertThat(chain.add(blocks.get(1))).isInstanceOf(Duplicate.class);
		chain.add(blocks.get(0));
		assertThat(chain.add(blocks.get(0))).isInstanceOf(Duplicate.class);
		assertThat(chain.add(fixture.genesis())).isInstanceOf(Duplicate.class);
	}

	@Test
	void orphanPoolIsBoundedAndDropsTheOldestFirst() {
		Blockchain small = new Blockchain(TestChain.PARAMETERS.withOrphanPoolSize(2), TestChain.CLOCK);
		TestChain builder = new TestChain(TestChain.PARAMETERS.withOrphanPoolSize(2));
		List<Block> blocks = builder.blocks(builder.genesis(), "m", 4);
		small.add(blocks.get(1));
		small.add(blocks.get(2));
		small.add(blocks.get(3));
		assertThat(small.orphanCount()).isEqualTo(2);
		assertThat(small.orphansEvicted()).isEqualTo(1);
		// the block at height 2 arrived first and was evicted, so height 1 connects alone
		small.add(blocks.get(0));
		assertThat(small.snapshot().height()).isEqualTo(1);
		assertThat(small.orphanCount()).isEqualTo(2);
	}

	@Test
	void snapshotTakenBeforeAReorgStillShowsTheOldChain() {
		Block a1 = fixture.block(fixture.genesis(), "a");
		Block b1 = fixture.block(fixture.genesis(), "b");
		Block b2 = fixture.block(b1, "b");
		chain.add(a1);
		ChainSnapshot before = chain.snapshot();
		chain.add(b1);
		chain.add(b2);
		assertThat(before.tip().hash()).isEqualTo(a1.hash());
		assertThat(before.range(0, 5)).extracting(StoredBlock::hash).containsExactly(fixture.genesis().hash(),
				a1.hash());
		assertThat(chain.snapshot().tip().hash()).isEqualTo(b2.hash());
	}

	@Test
	void findsTransactionsOnEveryBranchAndKnowsWhichIsActive() {
		Transaction tx = fixture.transaction();
		Block a1 = fixture.block(fixture.genesis(), "a", tx);
		Block b1 = fixture.block(fixture.genesis(), "b", tx);
		chain.add(a1);
		chain.add(b1);
		assertThat(chain.blocksContaining(tx.id())).extracting(StoredBlock::hash).containsExactly(a1.hash(),
				b1.hash());
		assertThat(chain.confirmingBlock(tx.id(), chain.snapshot())).map(StoredBlock::hash).contains(a1.hash());
	}

	@Test
	void aTransactionOnThreeBranchesIsConfirmedByWhicheverBranchIsActive() {
		//   genesis ── a1(tx)
		//          ├── b1(tx) ── b2
		//          └── c1(tx) ── c2 ── c3
		Transaction tx = fixture.transaction();
		Block a1 = fixture.block(fixture.genesis(), "a", tx);
		Block b1 = fixture.block(fixture.genesis(), "b", tx);
		Block b2 = fixture.block(b1, "b");
		Block c1 = fixture.block(fixture.genesis(), "c", tx);
		Block c2 = fixture.block(c1, "c");
		Block c3 = fixture.block(c2, "c");
		chain.add(a1);
		chain.add(b1);
		chain.add(c1);
		assertThat(chain.confirmingBlock(tx.id(), chain.snapshot())).map(StoredBlock::hash).contains(a1.hash());
		chain.add(b2);
		assertThat(chain.confirmingBlock(tx.id(), chain.snapshot())).map(StoredBlock::hash).contains(b1.hash());
		chain.add(c2);
		chain.add(c3);
		assertThat(chain.confirmingBlock(tx.id(), chain.snapshot())).map(StoredBlock::hash).contains(c1.hash());
		assertThat(chain.blocksContaining(tx.id())).extracting(StoredBlock::hash).containsExactly(a1.hash(),
				b1.hash(), c1.hash());
		assertThat(chain.confirmingBlock(fixture.transaction().id(), chain.snapshot())).isEmpty();
	}

	private Hash tipHash() {
		return chain.snapshot().tip().hash();
	}

}
