package dev.minerfleet.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.node.ReorgLog.Reorg;

class ReorgLogTests {

	private final TestChain blocks = new TestChain();

	private final Blockchain chain = blocks.newBlockchain();

	private final ReorgLog log = ReorgLog.following(chain, InstantSource.fixed(Instant.ofEpochMilli(42)));

	@Test
	void recordsTheBlocksASwitchTookOffAndPutOnAndTheTransactionsItGaveBack() {
		//   genesis ── a1[t1] ── a2[t2, t3]              active first
		//         └── b1[t3] ── b2 ── b3                 more work: a1, a2 off; t1, t2 back; t3 confirmed again
		Transaction t1 = blocks.transaction();
		Transaction t2 = blocks.transaction();
		Transaction t3 = blocks.transaction();
		Block a1 = blocks.block(blocks.genesis(), "a", t1);
		Block a2 = blocks.block(a1, "a", t2, t3);
		Block b1 = blocks.block(blocks.genesis(), "b", t3);
		Block b2 = blocks.block(b1, "b");
		Block b3 = blocks.block(b2, "b");
		List.of(a1, a2, b1, b2).forEach(chain::add);
		assertThat(log.latest(10)).as("a tie of work switches nothing").isEmpty();

		chain.add(b3);

		assertThat(log.latest(10)).singleElement().satisfies(reorg -> {
			assertThat(reorg.at()).isEqualTo(42);
			assertThat(reorg.depth()).isEqualTo(2);
			assertThat(reorg.forkPoint().height()).isZero();
			assertThat(reorg.disconnected()).extracting(StoredBlock::hash).containsExactly(a1.hash(), a2.hash());
			assertThat(reorg.connected()).extracting(StoredBlock::hash).containsExactly(b1.hash(), b2.hash(), b3.hash());
			assertThat(reorg.returned()).containsExactlyInAnyOrder(t1.id(), t2.id());
			assertThat(reorg.disconnectedBlockOf(t2.id())).map(StoredBlock::hash).hasValue(a2.hash());
		});
		assertThat(log.returning(t1.id())).hasSize(1);
		assertThat(log.returning(t3.id())).as("confirmed on the new branch too").isEmpty();
	}

	@Test
	void keepsOnlyTheLatestReorganisationsNewestFirst() {
		// two branches overtaking each other in turn: the trailing one grows until it has the most work
		Block[] tips = { blocks.genesis(), blocks.genesis() };
		int[] heights = { 0, 0 };
		for (int i = 0; i < ReorgLog.CAPACITY + 5; i++) {
			int trailing = i % 2;
			while (heights[trailing] <= heights[1 - trailing]) {
				tips[trailing] = blocks.block(tips[trailing], (trailing == 0) ? "x" : "y");
				heights[trailing]++;
				chain.add(tips[trailing]);
			}
		}

		List<Reorg> latest = log.latest(1000);
		assertThat(latest).hasSize(ReorgLog.CAPACITY);
		assertThat(latest.get(0).newTip().hash()).isEqualTo(chain.snapshot().tip().hash());
		assertThat(log.latest(3)).hasSize(3);
	}

}
