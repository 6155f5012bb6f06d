package dev.minerfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;

class TransactionBatcherTests {

	private static final TestChain CHAIN = new TestChain();

	private final List<List<Transaction>> sent = new CopyOnWriteArrayList<>();

	private TransactionBatcher batcher;

	private TransactionBatcher batcher(Duration maxDelay, int maxTransactions) {
		batcher = new TransactionBatcher(new TransactionBatchingProperties(maxDelay, maxTransactions), sent::add,
				"miner-1");
		return batcher;
	}

	@AfterEach
	void stop() {
		if (batcher != null) {
			batcher.stop();
		}
	}

	private static List<Transaction> transactions(int count) {
		List<Transaction> transactions = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			transactions.add(CHAIN.transaction());
		}
		return transactions;
	}

	@Test
	void sendsWhatArrivesWithinTheDelayAsOneBatchInArrivalOrder() {
		TransactionBatcher batching = batcher(Duration.ofMillis(200), 1000);
		batching.start();
		List<Transaction> five = transactions(5);

		five.forEach(batching::broadcast);

		await().until(() -> !sent.isEmpty());
		assertThat(sent).containsExactly(five);
	}

	@Test
	void sendsABatchAsSoonAsItIsFullOnTheBroadcastingThread() {
		TransactionBatcher batching = batcher(Duration.ofSeconds(1), 3);
		batching.start();
		List<Transaction> seven = transactions(7);

		seven.forEach(batching::broadcast);

		assertThat(sent).containsExactly(seven.subList(0, 3), seven.subList(3, 6));
		await().until(() -> sent.size() == 3);
		assertThat(sent.get(2)).containsExactly(seven.get(6));
	}

	@Test
	void flushingSendsWhatWaitsAtOnceOnTheCallingThreadAndLeavesNothingForTheDelay() {
		TransactionBatcher batching = batcher(Duration.ofMillis(100), 1000);
		batching.start();
		List<Transaction> four = transactions(4);

		four.subList(0, 3).forEach(batching::broadcast);
		batching.flush();

		assertThat(sent).containsExactly(four.subList(0, 3));
		batching.broadcast(four.get(3));
		await().until(() -> sent.size() == 2);
		assertThat(sent.get(1)).as("the first delay, already scheduled, found the batch gone")
			.containsExactly(four.get(3));
		batching.flush();
		assertThat(sent).hasSize(2);
	}

	@Test
	void flushingWhileTheDelayedBatchIsBeingSentReturnsOnlyOnceItIsSent() throws Exception {
		CountDownLatch sending = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		batcher = new TransactionBatcher(new TransactionBatchingProperties(Duration.ofMillis(1), 1000), batch -> {
			sending.countDown();
			awaitQuietly(release);
			sent.add(batch);
		}, "miner-1");
		batcher.start();
		Transaction first = CHAIN.transaction();
		batcher.broadcast(first);
		assertThat(sending.await(5, TimeUnit.SECONDS)).isTrue();

		Thread flusher = new Thread(batcher::flush);
		flusher.start();
		flusher.join(200);
		assertThat(flusher.isAlive()).as("flush waits for the batch that is leaving").isTrue();
		release.countDown();
		flusher.join(5_000);

		assertThat(flusher.isAlive()).isFalse();
		assertThat(sent).containsExactly(List.of(first));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void sendsEachTransactionAloneAndAtOnceWithBatchingOff() {
		TransactionBatcher direct = batcher(Duration.ZERO, 1000);
		direct.start();
		List<Transaction> two = transactions(2);

		two.forEach(direct::broadcast);

		assertThat(sent).containsExactly(List.of(two.get(0)), List.of(two.get(1)));
	}

	@Test
	void sendsAtOnceWhileNotRunningAndSendsWhatWaitsWhenStopped() {
		TransactionBatcher batching = batcher(Duration.ofSeconds(1), 1000);
		List<Transaction> three = transactions(3);

		batching.broadcast(three.get(0));
		batching.start();
		batching.broadcast(three.get(1));
		batching.broadcast(three.get(2));
		assertThat(sent).containsExactly(List.of(three.get(0)));
		batching.stop();

		assertThat(batching.isRunning()).isFalse();
		assertThat(sent).containsExactly(List.of(three.get(0)), three.subList(1, 3));
	}

	@Test
	void refusesANegativeOrLongDelayAndBatchesOutsideTheMessageLimit() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TransactionBatchingProperties(Duration.ofMillis(-1), 10))
			.withMessage("mqtt.transaction-batching.max-delay must lie in 0..1s, got PT-0.001S");
		assertThatIllegalArgumentException().isThrownBy(() -> new TransactionBatchingProperties(Duration.ofSeconds(2), 10));
		assertThatIllegalArgumentException().isThrownBy(() -> new TransactionBatchingProperties(Duration.ofMillis(5), 0))
			.withMessage("mqtt.transaction-batching.max-transactions must lie in 1..10000, got 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TransactionBatchingProperties(Duration.ofMillis(5), 10_001));
	}

	@Test
	void bindsItsSettingsWithDefaultsOfFiveMillisecondsAndAThousandTransactions() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withUserConfiguration(BatchingPropertiesConfiguration.class);
		runner.run(context -> assertThat(context.getBean(TransactionBatchingProperties.class))
			.isEqualTo(new TransactionBatchingProperties(Duration.ofMillis(5), 1000)));
		runner.withPropertyValues("mqtt.transaction-batching.max-delay=0", "mqtt.transaction-batching.max-transactions=50")
			.run(context -> assertThat(context.getBean(TransactionBatchingProperties.class).enabled()).isFalse());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TransactionBatchingProperties.class)
	static class BatchingPropertiesConfiguration {

	}

}
