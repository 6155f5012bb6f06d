package dev.minerfleet.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.node.BlockArrivals.Arrival;
import dev.minerfleet.node.BlockArrivals.Via;

class BlockArrivalsTests {

	private final TestChain blocks = new TestChain();

	private final Blockchain chain = blocks.newBlockchain();

	private final AtomicLong now = new AtomicLong(1000);

	private final BlockArrivals arrivals = new BlockArrivals("me", () -> Instant.ofEpochMilli(now.get()), 3);

	@Test
	void recordsWhenAndFromWhomEachBlockFirstCame() {
		Block mined = blocks.block(blocks.genesis(), "me");
		Block received = blocks.block(mined, "them");
		Block synced = blocks.block(received, "them");
		arrivals.blockMined(chain.find(add(mined)).orElseThrow());
		now.set(2000);
		receive(received, "miner-2", true);
		now.set(3000);
		receive(synced, "miner-3", false);
		now.set(4000);
		receive(received, "miner-3", true);

		assertThat(arrivals.of(mined.hash())).hasValue(new Arrival(mined.hash(), 1000, "me", Via.MINED, false));
		assertThat(arrivals.of(received.hash()))
			.as("the first arrival stays; a duplicate changes nothing")
			.hasValue(new Arrival(received.hash(), 2000, "miner-2", Via.NEWBLOCK, false));
		assertThat(arrivals.of(synced.hash())).hasValue(new Arrival(synced.hash(), 3000, "miner-3", Via.SYNC, false));
		assertThat(arrivals.latest(2)).extracting(Arrival::hash).containsExactly(synced.hash(), received.hash());
	}

	@Test
	void recordsAnOrphanWhenItCameNotWhenItsParentLetItConnect() {
		//   genesis ── p ── c        c comes first (orphan), then p connects both
		Block parent = blocks.block(blocks.genesis(), "them");
		Block child = blocks.block(parent, "them");
		receive(child, "miner-2", true);
		now.set(5000);
		receive(parent, "miner-3", true);

		assertThat(arrivals.of(child.hash())).hasValue(new Arrival(child.hash(), 1000, "miner-2", Via.NEWBLOCK, true));
		assertThat(arrivals.of(parent.hash()))
			.hasValue(new Arrival(parent.hash(), 5000, "miner-3", Via.NEWBLOCK, false));
	}

	@Test
	void forgetsTheOldestBeyondItsCapacity() {
		List<Block> four = blocks.blocks(blocks.genesis(), "them", 4);
		four.forEach(block -> receive(block, "miner-2", true));

		assertThat(arrivals.of(four.get(0).hash())).isEmpty();
		assertThat(arrivals.latest(10)).extracting(Arrival::hash)
			.containsExactly(four.get(3).hash(), four.get(2).hash(), four.get(1).hash());
	}

	@Test
	void recordsASideBlockAndTheBlocksAReorganisationPutOn() {
		//   genesis ── a1             active
		//         └── b1 ── b2        b1 side (a tie), b2 reorganises
		Block a1 = blocks.block(blocks.genesis(), "a");
		Block b1 = blocks.block(blocks.genesis(), "b");
		Block b2 = blocks.block(b1, "b");
		receive(a1, "miner-a", true);
		assertThat(receive(b1, "miner-b", true)).isInstanceOf(AddResult.SideChain.class);
		assertThat(receive(b2, "miner-b", true)).isInstanceOf(AddResult.Reorganized.class);

		assertThat(arrivals.latest(10)).extracting(Arrival::hash).containsExactly(b2.hash(), b1.hash(), a1.hash());
	}

	private AddResult receive(Block block, String from, boolean live) {
		AddResult result = chain.add(block);
		arrivals.blockReceived(from, result, live ? Optional.of(Duration.ZERO) : Optional.empty());
		return result;
	}

	private Hash add(Block block) {
		chain.add(block);
		return block.hash();
	}


}
