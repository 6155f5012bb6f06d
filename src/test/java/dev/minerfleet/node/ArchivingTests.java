package dev.minerfleet.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.mempool.Mempool;

class ArchivingTests {

	private final TestChain fixture = new TestChain();

	private final Ledger ledger = new Ledger(fixture.newBlockchain(), new Mempool(1_000, 1_000_000));

	@Test
	void storedBlocksRebuildTheTreeAndOnlyBlocksAcceptedAfterwardsAreKept() {
		// genesis - a1 - a2 - a3     (stored)
		//             \
		//              b2 - b3 - b4  (b2 stored, b3 and b4 arrive after start-up: a reorganisation)
		List<Block> a = fixture.blocks(fixture.genesis(), "a", 3);
		Block b2 = fixture.block(a.get(0), "b", fixture.transaction());
		Block b3 = fixture.block(b2, "b");
		Block b4 = fixture.block(b3, "b");
		ListArchive archive = new ListArchive(List.of(a.get(0), a.get(1), b2, a.get(2)));

		assertThat(Archiving.restoreAndKeep(ledger, archive)).isEqualTo(4);

		assertThat(ledger.chain().snapshot().tip().hash()).isEqualTo(a.get(2).hash());
		assertThat(ledger.chain().find(b2.hash())).isPresent();
		assertThat(archive.kept).isEmpty();
		// the side block's transaction is pending again, as if it had been received
		assertThat(ledger.mempool().find(b2.transactions().get(1).id())).isPresent();

		ledger.submitBlock(b4);
		ledger.submitBlock(b3);
		assertThat(archive.kept).containsExactly(b3, b4);
		assertThat(ledger.chain().snapshot().tip().hash()).isEqualTo(b4.hash());
	}

	@Test
	void aStoredBlockThatNoLongerValidatesIsSkippedWithItsDescendantsAndTheRestLoads() {
		List<Block> chain = fixture.blocks(fixture.genesis(), "a", 3);
		Block forged = TestChain.withFailingNonce(chain.get(1));
		ListArchive archive = new ListArchive(List.of(chain.get(0), forged, chain.get(2)));

		assertThat(Archiving.restoreAndKeep(ledger, archive)).isEqualTo(1);

		ChainSnapshot view = ledger.chain().snapshot();
		assertThat(view.height()).isEqualTo(1);
		assertThat(view.tip().hash()).isEqualTo(chain.get(0).hash());
		// sync brings the missing block; the child waiting for it joins and both are kept
		ledger.submitBlock(chain.get(1));
		assertThat(ledger.chain().snapshot().tip().hash()).isEqualTo(chain.get(2).hash());
		assertThat(archive.kept).containsExactly(chain.get(1), chain.get(2));
	}

	@Test
	void anEmptyArchiveLeavesTheChainAtGenesis() {
		ListArchive archive = new ListArchive(List.of());

		assertThat(Archiving.restoreAndKeep(ledger, archive)).isZero();
		assertThat(ledger.chain().snapshot().height()).isZero();
	}

	/** An archive in memory: what it was given at start-up, and what it was asked to keep since. */
	private static final class ListArchive implements BlockArchive {

		private final List<Block> stored;

		private final List<Block> kept = new ArrayList<>();

		ListArchive(List<Block> stored) {
			this.stored = stored;
		}

		@Override
		public String location() {
			return "memory";
		}

		@Override
		public List<Block> storedBlocks() {
			return stored;
		}

		@Override
		public void keep(Block block) {
			kept.add(block);
		}

	}

}
