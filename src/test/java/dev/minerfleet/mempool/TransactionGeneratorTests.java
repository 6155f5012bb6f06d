package dev.minerfleet.mempool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

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
	void makesTheConfiguredNumberOfTransactionsAtEachTick() {
		TransactionGenerator generator = new TransactionGenerator(
				new GeneratorProperties(true, Mode.FIXED, Duration.ofMillis(10), 0, 25), sink, TestChain.CLOCK,
				new SplittableRandom(1), "m");
		generator.tick();
		assertThat(sunk).hasSize(25).doesNotHaveDuplicates();
		generator.tick();
		assertThat(sunk).hasSize(50).doesNotHaveDuplicates();
		assertThat(generator.generated()).isEqualTo(50);
	}

	@Test
	void offersTransactionsPerTickOverTheInterval() {
		assertThat(new GeneratorProperties(true, Mode.FIXED, Duration.ofMillis(10), 0, 10).transactionsPerSecond())
			.isEqualTo(1_000.0);
		assertThat(new GeneratorProperties(true, Mode.EXPONENTIAL, Duration.ofSeconds(2), 0).transactionsPerSecond())
			.isEqualTo(0.5);
	}

	@Test
	void refusesTicksOfNoTransactionOrOfMoreThanTheBound() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new GeneratorProperties(true, Mode.FIXED, Duration.ofSeconds(1), 0, 0))
			.withMessageContaining("generator.transactions-per-tick must lie in 1..100000, got 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new GeneratorProperties(true, Mode.FIXED,
				Duration.ofSeconds(1), 0, GeneratorProperties.MAX_TRANSACTIONS_PER_TICK + 1));
	}

	@Test
	void bindsTransactionsPerTickWithADefaultOfOne() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withUserConfiguration(GeneratorPropertiesConfiguration.class);
		runner.run(context -> assertThat(context.getBean(GeneratorProperties.class).transactionsPerTick()).isOne());
		runner.withPropertyValues("generator.interval=20ms", "generator.transactions-per-tick=40")
			.run(context -> assertThat(context.getBean(GeneratorProperties.class).transactionsPerSecond())
				.isEqualTo(2_000.0));
		runner.withPropertyValues("generator.transactions-per-tick=0")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("generator.transactions-per-tick must lie in 1..100000"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(GeneratorProperties.class)
	static class GeneratorPropertiesConfiguration {

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
