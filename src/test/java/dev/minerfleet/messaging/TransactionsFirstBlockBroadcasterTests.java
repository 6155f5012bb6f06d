package dev.minerfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;

class TransactionsFirstBlockBroadcasterTests {

	private final TestChain chain = new TestChain();

	private final List<Object> published = new CopyOnWriteArrayList<>();

	private static StoredBlock stored(Block block) {
		return new StoredBlock(block, block.hash(), 1, BigInteger.TWO, 1);
	}

	@Test
	void aFoundBlockLeavesAfterTheTransactionsTheBatcherStillHeld() {
		TransactionBatcher batcher = new TransactionBatcher(new TransactionBatchingProperties(Duration.ofSeconds(1), 1000),
				published::add, "miner-1");
		batcher.start();
		try {
			TransactionsFirstBlockBroadcaster broadcaster = new TransactionsFirstBlockBroadcaster(batcher,
					published::add);
			Transaction first = chain.transaction();
			Transaction second = chain.transaction();
			batcher.broadcast(first);
			batcher.broadcast(second);
			Block block = chain.block(chain.genesis(), "miner-1", first, second);

			StoredBlock stored = stored(block);

			broadcaster.broadcast(stored);

			assertThat(published).containsExactly(List.of(first, second), stored);
		}
		finally {
			batcher.stop();
		}
	}

	@Test
	void aBlockWithNothingWaitingLeavesAlone() {
		TransactionBatcher batcher = new TransactionBatcher(new TransactionBatchingProperties(Duration.ofSeconds(1), 1000),
				published::add, "miner-1");
		TransactionsFirstBlockBroadcaster broadcaster = new TransactionsFirstBlockBroadcaster(batcher, published::add);
		Block block = chain.block(chain.genesis(), "miner-1", chain.transaction());

		broadcaster.broadcast(stored(block));

		assertThat(published).containsExactly(stored(block));
	}

}
