package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Block locators and the blocks a peer sends for one: the two halves of catch-up sync, each chain
 * drawn as the tree it builds (G is genesis).
 */
class BlockLocatorTests {

	private final TestChain fixture = new TestChain();

	private final Blockchain chain = fixture.newBlockchain();

	private List<Block> extend(Blockchain target, Block parent, String miner, int count) {
		List<Block> blocks = fixture.blocks(parent, miner, count);
		blocks.forEach(target::add);
		return blocks;
	}

	private List<Integer> heightsOf(List<Hash> locator) {
		return locator.stream().map(hash -> chain.find(hash).orElseThrow().height()).toList();
	}

	private static List<Hash> hashes(List<StoredBlock> blocks) {
		return blocks.stream().map(StoredBlock::hash).toList();
	}

	private static List<Hash> hashesOf(List<Block> blocks) {
		return blocks.stream().map(Block::hash).toList();
	}

	@Test
	void locatorOfALongChainStepsBackOneByOneTenTimesThenDoublesTheStepAndEndsWithGenesis() {
		extend(chain, fixture.genesis(), "a", 1000);

		List<Hash> locator = chain.locator();

		assertThat(heightsOf(locator)).containsExactly(1000, 999, 998, 997, 996, 995, 994, 993, 992, 991, 990, 988,
				984, 976, 960, 928, 864, 736, 480, 0);
		assertThat(locator.get(0)).isEqualTo(chain.snapshot().tip().hash());
		assertThat(locator.get(locator.size() - 1)).isEqualTo(fixture.genesis().hash());
		for (int i = 0; i < locator.size(); i++) {
			int height = heightsOf(locator).get(i);
			assertThat(locator.get(i)).isEqualTo(chain.snapshot().at(height).orElseThrow().hash());
		}
	}

	@Test
	void locatorOfShortChainsNamesEveryBlock() {
		assertThat(chain.locator()).containsExactly(fixture.genesis().hash());

		extend(chain, fixture.genesis(), "a", 12);

		assertThat(heightsOf(chain.locator())).containsExactly(12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 0);
	}

	@ParameterizedTest(name = "height {0}")
	@ValueSource(ints = { 0, 1, 10, 11, 12, 13, 100, 4096, 1_000_000, Integer.MAX_VALUE })
	void locatorHeightsDescendFromTheTipToGenesisInAFewDozenSteps(int height) {
		List<Integer> heights = Blockchain.locatorHeights(height);

		assertThat(heights.get(0)).isEqualTo(height);
		assertThat(heights.get(heights.size() - 1)).isZero();
		assertThat(heights).isSortedAccordingTo((a, b) -> Integer.compare(b, a)).doesNotHaveDuplicates();
		// protocol version 1 accepts locators of up to 101 hashes
		assertThat(heights).hasSizeLessThanOrEqualTo(41);
		for (int i = 1; i < heights.size() - 1; i++) {
			int step = heights.get(i - 1) - heights.get(i);
			assertThat(step).isEqualTo((i <= 10) ? 1 : 1 << (i - 10));
		}
	}

	/**
	 * <pre>
	 * G - 1 - 2 - 3 - A4 - A5 - A6     this miner's active chain
	 *               \ B4 - B5          a side branch: its locator starts there and joins the active chain at 3
	 * </pre>
	 */
	@Test
	void locatorOfASideBranchBlockWalksItsOwnBranchDownToTheActiveChain() {
		List<Block> common = extend(chain, fixture.genesis(), "a", 3);
		List<Block> a = extend(chain, common.get(2), "a", 3);
		List<Block> b = extend(chain, common.get(2), "b", 2);
		assertThat(chain.snapshot().tip().hash()).isEqualTo(a.get(2).hash());

		List<Hash> locator = chain.locator(chain.find(b.get(1).hash()).orElseThrow());

		assertThat(locator).containsExactly(b.get(1).hash(), b.get(0).hash(), common.get(2).hash(),
				common.get(1).hash(), common.get(0).hash(), fixture.genesis().hash());
	}

	/**
	 * <pre>
	 * G - 1 - 2 - 3 - A4 - A5 - A6     the responder's active chain
	 *               \ B4 - B5          the requester's active chain; the responder holds it as a side branch
	 * </pre>
	 */
	@Test
	void blocksAfterALocatorFromASideBranchStartAtTheForkPoint() {
		List<Block> common = extend(chain, fixture.genesis(), "a", 3);
		List<Block> a = extend(chain, common.get(2), "a", 3);
		List<Block> b = fixture.blocks(common.get(2), "b", 2);
		b.forEach(chain::add);
		Blockchain requester = fixture.newBlockchain();
		common.forEach(requester::add);
		b.forEach(requester::add);
		assertThat(requester.snapshot().tip().hash()).isEqualTo(b.get(1).hash());

		List<StoredBlock> sent = chain.blocksAfter(requester.locator(), 500);

		assertThat(hashes(sent)).containsExactlyElementsOf(hashesOf(a));
		assertThat(sent).extracting(StoredBlock::height).containsExactly(4, 5, 6);
		// the requester can connect them all and switches to the heavier branch
		for (StoredBlock block : sent) {
			assertThat(requester.add(block.block())).isNotInstanceOf(AddResult.Orphaned.class);
		}
		assertThat(requester.snapshot().tip().hash()).isEqualTo(chain.snapshot().tip().hash());
	}

	@Test
	void blocksAfterALocatorOfUnknownHashesStartAfterGenesis() {
		List<Block> blocks = extend(chain, fixture.genesis(), "a", 8);
		TestChain elsewhere = new TestChain();
		List<Hash> unknown = hashesOf(elsewhere.blocks(elsewhere.genesis(), "x", 3));

		assertThat(hashes(chain.blocksAfter(unknown, 500))).containsExactlyElementsOf(hashesOf(blocks));
		assertThat(hashes(chain.blocksAfter(List.of(), 500))).containsExactlyElementsOf(hashesOf(blocks));
	}

	@Test
	void blocksAfterReturnAtMostMaxBlocksOldestFirst() {
		List<Block> blocks = extend(chain, fixture.genesis(), "a", 20);
		List<Hash> atBlock5 = List.of(blocks.get(4).hash(), fixture.genesis().hash());

		assertThat(hashes(chain.blocksAfter(List.of(fixture.genesis().hash()), 5)))
			.containsExactlyElementsOf(hashesOf(blocks.subList(0, 5)));
		assertThat(hashes(chain.blocksAfter(atBlock5, 3))).containsExactlyElementsOf(hashesOf(blocks.subList(5, 8)));
		assertThat(hashes(chain.blocksAfter(atBlock5, 500))).containsExactlyElementsOf(hashesOf(blocks.subList(5, 20)));
		assertThat(chain.blocksAfter(atBlock5, 0)).isEmpty();
		assertThat(chain.blocksAfter(chain.locator(), 500)).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> chain.blocksAfter(atBlock5, -1));
	}

	@Test
	void blocksAfterUseTheFirstLocatorHashOnTheActiveChain() {
		List<Block> blocks = extend(chain, fixture.genesis(), "a", 10);
		// newest first, as a locator lists them: the first known one wins, later ones are not looked at
		List<Hash> locator = List.of(blocks.get(7).hash(), blocks.get(2).hash());

		assertThat(hashes(chain.blocksAfter(locator, 500))).containsExactlyElementsOf(hashesOf(blocks.subList(8, 10)));
	}

	@Test
	void locatorsAndBlocksAfterAreConsistentWhileBlocksAndReorgsArriveOnAnotherThread() throws Exception {
		RandomTree tree = new RandomTree(new SplittableRandom(11), 400);
		Blockchain shared = tree.fixture().newBlockchain();
		AtomicBoolean writing = new AtomicBoolean(true);
		AtomicInteger checks = new AtomicInteger();
		Runnable reader = () -> {
			while (writing.get() || checks.get() < 100) {
				List<Hash> locator = shared.locator();
				assertThat(locator.get(locator.size() - 1)).isEqualTo(tree.fixture().genesis().hash());
				List<StoredBlock> after = shared.blocksAfter(List.of(tree.fixture().genesis().hash()), 1000);
				for (int i = 0; i < after.size(); i++) {
					assertThat(after.get(i).height()).isEqualTo(i + 1);
					Hash parent = (i == 0) ? tree.fixture().genesis().hash() : after.get(i - 1).hash();
					assertThat(after.get(i).previousHash()).isEqualTo(parent);
				}
				checks.incrementAndGet();
			}
		};
		List<CompletableFuture<Void>> readers = new ArrayList<>();
		readers.add(CompletableFuture.runAsync(reader));
		readers.add(CompletableFuture.runAsync(reader));
		for (Block block : tree.shuffledWithDuplicates(new SplittableRandom(3))) {
			shared.add(block);
		}
		writing.set(false);
		CompletableFuture.allOf(readers.toArray(CompletableFuture[]::new)).get();

		assertThat(checks.get()).isGreaterThanOrEqualTo(100);
		assertThat(shared.blocksAfter(List.of(), 1000)).hasSize(shared.snapshot().height());
	}

}
