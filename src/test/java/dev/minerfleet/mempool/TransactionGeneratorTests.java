package dev.minerfleet.mempool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.GeneratorProperties.Mode;
import dev.minerfleet.mempool.Mempool.Admission;

class TransactionGeneratorTests {

	private final List<Transaction> sunk = new CopyOnWriteArrayList<>();

	private final TransactionSink sink = tx -> {
		sunk.add(tx);
		return Admission.ADDED;
	};

	@Test
	void makesValidTransactionsBetweenTwoDifferentPeopleOriginatingHere() {
		TransactionGenerator generator = new TransactionGenerator(
				new GeneratorProperties(true, Mode.FIXED, Duration.ofSeconds(1), 1), sink, TestChain.CLOCK,
				new SplittableRandom(1), "miner-7");
		for (int i = 0; i < 1_000; i++) {
			Transaction tx = generator.next();
			assertThat(tx.hasValidId()).isTrue();
			assertThat(tx.sender()).isNotEqualTo(tx.receiver());
			assertThat(tx.origin()).isEqualTo("miner-7");
			assertThat(tx.amount()).isBetween(1L, 1000L);
		}
	}

	@Test
	void exponentialGapsAverageTheConfiguredInterval() {
		TransactionGenerator generator = new TransactionGenerator(
				new GeneratorProperties(true, Mode.EXPONENTIAL, Duration.ofMillis(200), 1), sink, TestChain.CLOCK,
				new SplittableRandom(12345), "m");
		double sum = 0;
		double sumOfSquares = 0;
		int n = 20_000;
		for (int i = 0; i < n; i++) {
			double gap = generator.nextGap().toNanos() / 1e6;
			sum += gap;
			sumOfSquares += gap * gap;
		}
		double mean = sum / n;
		double deviation = Math.sqrt(sumOfSquares / n - mean * mean);
		// an exponential distribution's standard deviation equals its mean
		assertThat(mean).isBetween(194.0, 206.0);
		assertThat(deviation).isBetween(185.0, 215.0);
	}

	@Test
	void fixedModeWaitsExactlyTheInterval() {
		TransactionGenerator generator = new TransactionGenerator(
				new GeneratorProperties(true, Mode.FIXED, Duration.ofMillis(250), 0), sink, TestChain.CLOCK,
				new SplittableRandom(1), "m");
		assertThat(generator.nextGap()).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void injectsTransactionsContinuouslyOnceStartedAndStopsWhenStopped() {
		TransactionGenerator generator = new TransactionGenerator(
				new GeneratorProperties(true, Mode.FIXED, Duration.ofMillis(5), 0), sink, TestChain.CLOCK,
				new SplittableRandom(1), "m");
		generator.start();
		await().until(() -> sunk.size() >= 20);
		generator.stop();
		assertThat(generator.isRunning()).isFalse();
		assertThat(sunk).doesNotHaveDuplicates();
		assertThat(generator.generated()).isGreaterThanOrEqualTo(20);
	}

	@Test
	void disabledGeneratorNeverStarts() {
		TransactionGenerator generator = new TransactionGenerator(
				new GeneratorProperties(false, Mode.FIXED, Duration.ofMillis(5), 0), sink, TestChain.CLOCK,
				new SplittableRandom(1), "m");
		generator.start();
		assertThat(generator.isRunning()).isFalse();
	}

}
