package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SnapshotConcurrencyTests {

	@Test
	void readersOnOtherThreadsAlwaysSeeAConsistentChainWhileBlocksAndReorgsArrive() throws Exception {
		RandomTree tree = new RandomTree(new SplittableRandom(42), 400);
		Blockchain chain = tree.fixture().newBlockchain();
		AtomicBoolean writing = new AtomicBoolean(true);
		AtomicInteger checks = new AtomicInteger();
		AtomicInteger checksWhileWriting = new AtomicInteger();
		java.util.concurrent.CountDownLatch readersRunning = new java.util.concurrent.CountDownLatch(2);

		Runnable reader = () -> {
			readersRunning.countDown();
			while (writing.get() || checks.get() < 100) {
				if (writing.get()) {
					checksWhileWriting.incrementAndGet();
				}
				ChainSnapshot view = chain.snapshot();
				List<StoredBlock> blocks = view.range(0, view.height() + 1);
				assertThat(blocks).hasSize(view.height() + 1);
				for (int h = 1; h < blocks.size(); h++) {
					assertThat(blocks.get(h).previousHash()).isEqualTo(blocks.get(h - 1).hash());
				}
				assertThat(view.tip()).isSameAs(blocks.get(blocks.size() - 1));
				checks.incrementAndGet();
			}
		};
		CompletableFuture<Void> first = CompletableFuture.runAsync(reader);
		CompletableFuture<Void> second = CompletableFuture.runAsync(reader);
		readersRunning.await();
		for (Block block : tree.shuffledWithDuplicates(new SplittableRandom(7))) {
			chain.add(block);
		}
		writing.set(false);
		CompletableFuture.allOf(first, second).get();

		assertThat(chain.snapshot().tip().hash()).isEqualTo(tree.heaviestTip());
		assertThat(checks.get()).isGreaterThanOrEqualTo(100);
		assertThat(checksWhileWriting.get()).isPositive();
	}

}
