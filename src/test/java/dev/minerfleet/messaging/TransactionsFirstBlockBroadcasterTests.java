package dev.minerfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.node.BlockBroadcaster;

class TransactionsFirstBlockBroadcasterTests {

	private final TestChain chain = new TestChain();

	private final List<Object> published = new CopyOnWriteArrayList<>();

	/** A block broadcaster that records the block and what it was asked to send whole. */
	private final BlockBroadcaster blocks = (block, sendWhole) -> published.add(List.of(block, sendWhole));

	private static StoredBlock stored(Block block) {
		return new StoredBlock(block, block.hash(), 1, BigInteger.TWO, 1);
	}

	@Test
	void aFoundBlockLeavesAfterTheTransactionsTheBatcherStillHeld() {
		TransactionBatcher batcher = new TransactionBatcher(new TransactionBatchingProperties(Duration.ofSeconds(1), 1000),
				published::add, "miner-1");
		batcher.start();
		try {
			TransactionsFirstBlockBroadcaster broadcaster = new TransactionsFirstBlockBroadcaster(batcher, blocks);
			Transaction first = chain.transaction();
			Transaction second = chain.transaction();
			batcher.broadcast(first);
			batcher.broadcast(second);
			Block block = chain.block(chain.genesis(), "miner-1", first, second);

			StoredBlock stored = stored(block);

			broadcaster.broadcast(stored, Set.of(second.id()));

			assertThat(published).containsExactly(List.of(first, second), List.of(stored, Set.of(second.id())));
		}
		finally {
			batcher.stop();
		}
	}

	@Test
	void aBlockWithNothingWaitingLeavesAlone() {
		TransactionBatcher batcher = new TransactionBatcher(new TransactionBatchingProperties(Duration.ofSeconds(1), 1000),
				published::add, "miner-1");
		TransactionsFirstBlockBroadcaster broadcaster = new TransactionsFirstBlockBroadcaster(batcher, blocks);
		Block block = chain.block(chain.genesis(), "miner-1", chain.transaction());

		broadcaster.broadcast(stored(block), Set.of());

		assertThat(published).containsExactly(List.of(stored(block), Set.of()));
	}

}
