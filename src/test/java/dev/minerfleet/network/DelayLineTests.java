package dev.minerfleet.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DelayLineTests {

	private static final String RECEIVER = "miner-1";

	private final NetworkControl control = new NetworkControl(NetworkConditions.NONE);

	/** What was delivered, as "sender:number", in delivery order. */
	private final List<String> delivered = new CopyOnWriteArrayList<>();

	/** The thread each delivery ran on. */
	private final Map<String, String> threads = new ConcurrentHashMap<>();

	private final List<String> drops = new CopyOnWriteArrayList<>();

	private final List<DelayLine> lines = new ArrayList<>();

	private DelayLine line(long seed, LongSupplier nanoTime) {
		DelayLine line = new DelayLine(RECEIVER, control, new SplittableRandom(seed), nanoTime,
				List.of((traffic, reason) -> drops.add(traffic.tag() + ":" + reason.tag())));
		lines.add(line);
		return line;
	}

	private DelayLine line() {
		return line(1, System::nanoTime);
	}

	@AfterEach
	void closeLines() {
		lines.forEach(DelayLine::close);
	}

	private static NetworkConditions delayed(Duration delay, Duration jitter, JitterDistribution distribution) {
		return new NetworkConditions(delay, jitter, distribution, 0, Partitions.NONE);
	}

	private static NetworkConditions delayed(Duration delay) {
		return delayed(delay, Duration.ZERO, JitterDistribution.UNIFORM);
	}

	private DelayLine.Outcome convey(DelayLine line, String sender, int number) {
		String message = sender + ":" + number;
		return line.convey(sender, Traffic.BLOCK, () -> {
			threads.put(message, Thread.currentThread().getName());
			delivered.add(message);
		});
	}

	/** The numbers delivered from {@code sender}, in delivery order. */
	private List<Integer> from(String sender) {
		return delivered.stream()
			.filter(message -> message.startsWith(sender + ":"))
			.map(message -> Integer.parseInt(message.substring(sender.length() + 1)))
			.toList();
	}

	private static List<Integer> oneTo(int last) {
		List<Integer> numbers = new ArrayList<>();
		for (int i = 1; i <= last; i++) {
			numbers.add(i);
		}
		return numbers;
	}

	@Test
	void deliversAtOnceOnTheCallingThreadOnAPerfectNetwork() {
		DelayLine line = line();

		assertThat(convey(line, "miner-2", 1)).isEqualTo(DelayLine.Outcome.DELIVERED);

		assertThat(delivered).containsExactly("miner-2:1");
		assertThat(threads).containsEntry("miner-2:1", Thread.currentThread().getName());
		assertThat(line.held()).isZero();
	}

	@Test
	void holdsAMessageWhileItsDelayLastsWithoutBlockingTheCaller() {
		DelayLine line = line();
		control.replace(delayed(Duration.ofHours(1)));

		assertThat(convey(line, "miner-2", 1)).isEqualTo(DelayLine.Outcome.HELD);

		assertThat(delivered).isEmpty();
		assertThat(line.held()).isEqualTo(1);
	}

	@Test
	void deliversAHeldMessageOnTheNetworkThreadNoSoonerThanTheDelay() {
		DelayLine line = line();
		control.replace(delayed(Duration.ofMillis(200)));
		long start = System.nanoTime();
		long[] deliveredAt = new long[1];

		line.convey("miner-2", Traffic.TRANSACTION, () -> {
			deliveredAt[0] = System.nanoTime();
			threads.put("miner-2:1", Thread.currentThread().getName());
			delivered.add("miner-2:1");
		});

		await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
		assertThat(threads.get("miner-2:1")).isEqualTo("network-miner-1").isNotEqualTo(Thread.currentThread().getName());
		assertThat(Duration.ofNanos(deliveredAt[0] - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		await().atMost(Duration.ofSeconds(5)).until(() -> line.held() == 0);
	}

	@Test
	void keepsEachSendersOrderWithAFixedDelay() {
		DelayLine line = line();
		control.replace(delayed(Duration.ofMillis(20)));

		for (int i = 1; i <= 1000; i++) {
			convey(line, "miner-" + (2 + i % 3), i);
		}

		await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 1000);
		for (String sender : List.of("miner-2", "miner-3", "miner-4")) {
			assertThat(from(sender)).hasSize(333 + (sender.equals("miner-3") ? 1 : 0)).isSorted();
		}
		assertThat(threads.values()).containsOnly("network-miner-1");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "UNIFORM", "EXPONENTIAL", "NORMAL" })
	void keepsEachSendersOrderWithJitterToo(JitterDistribution distribution) {
		DelayLine line = line();
		control.replace(delayed(Duration.ofMillis(1), Duration.ofMillis(20), distribution));

		for (int i = 1; i <= 300; i++) {
			convey(line, (i % 2 == 0) ? "miner-2" : "miner-3", i);
		}

		await().atMost(Duration.ofSeconds(20)).until(() -> delivered.size() == 300);
		assertThat(from("miner-2")).hasSize(150).isSorted();
		assertThat(from("miner-3")).hasSize(150).isSorted();
	}

	@Test
	void neverLetsASendersNewMessagesOvertakeItsWaitingOnesWhenTheDelayIsLowered() {
		DelayLine line = line();
		control.replace(delayed(Duration.ofMillis(300)));
		for (int i = 1; i <= 5; i++) {
			convey(line, "miner-2", i);
		}

		control.replace(delayed(Duration.ofMillis(1)));
		for (int i = 6; i <= 10; i++) {
			assertThat(convey(line, "miner-2", i)).isEqualTo(DelayLine.Outcome.HELD);
		}
		control.replace(NetworkConditions.NONE);
		assertThat(convey(line, "miner-2", 11)).as("waits behind the held ones even on a perfect network")
			.isEqualTo(DelayLine.Outcome.HELD);
		assertThat(convey(line, "miner-3", 1)).as("another sender, with nothing waiting, is not held back")
			.isEqualTo(DelayLine.Outcome.DELIVERED);

		await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 12);
		assertThat(from("miner-2")).isEqualTo(oneTo(11));
		assertThat(delivered.get(0)).isEqualTo("miner-3:1");
		await().atMost(Duration.ofSeconds(5)).until(() -> line.held() == 0);
		assertThat(convey(line, "miner-2", 12)).as("once nothing waits, a perfect network delivers inline again")
			.isEqualTo(DelayLine.Outcome.DELIVERED);
	}

	@Test
	void keepsEachSendersOrderWhenTheClockGoesBackwards() {
		AtomicLong clock = new AtomicLong(Duration.ofSeconds(10).toNanos());
		DelayLine line = line(1, clock::get);
		control.replace(delayed(Duration.ofMillis(500)));

		convey(line, "miner-2", 1);
		clock.set(0);
		convey(line, "miner-2", 2);
		clock.set(Duration.ofSeconds(5).toNanos());
		convey(line, "miner-2", 3);
		clock.set(Duration.ofSeconds(20).toNanos());

		await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 3);
		assertThat(delivered).containsExactly("miner-2:1", "miner-2:2", "miner-2:3");
	}

	@Test
	void waitsForTheDueTimeOnItsOwnClock() {
		AtomicLong clock = new AtomicLong(0);
		DelayLine line = line(1, clock::get);
		control.replace(delayed(Duration.ofMillis(50)));

		convey(line, "miner-2", 1);

		// the real 50 ms pass, but on the line's clock it is still 0: it waits again rather than deliver early
		await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> true);
		assertThat(delivered).isEmpty();
		clock.set(Duration.ofMillis(50).toNanos());
		await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
	}

	@Test
	void dropsWhatAPartitionedAwaySenderSendsAndTellsItsObservers() {
		DelayLine line = line();
		control.replace(NetworkConditions.NONE.withPartitions(Partitions.parse(List.of("miner-1;miner-2"))));

		assertThat(convey(line, "miner-2", 1)).isEqualTo(DelayLine.Outcome.DROPPED_BY_PARTITION);
		assertThat(line.convey("miner-2", Traffic.TIP, () -> delivered.add("tip"))).isEqualTo(
				DelayLine.Outcome.DROPPED_BY_PARTITION);

		assertThat(delivered).isEmpty();
		assertThat(drops).containsExactly("block:partition", "tip:partition");
	}

	@Test
	void hearsAgainOncePartitionsAreHealed() {
		DelayLine line = line();
		control.replace(NetworkConditions.NONE.withPartitions(Partitions.parse(List.of("miner-2"))));
		convey(line, "miner-2", 1);

		control.replace(NetworkConditions.NONE);

		assertThat(convey(line, "miner-2", 2)).isEqualTo(DelayLine.Outcome.DELIVERED);
		assertThat(delivered).containsExactly("miner-2:2");
	}

	@Test
	void losesAboutTheConfiguredShareAndCountsEachLoss() {
		DelayLine line = line();
		control.replace(new NetworkConditions(Duration.ZERO, Duration.ZERO, JitterDistribution.UNIFORM, 0.25,
				Partitions.NONE));
		int lost = 0;
		for (int i = 1; i <= 10_000; i++) {
			if (convey(line, "miner-2", i) == DelayLine.Outcome.LOST) {
				lost++;
			}
		}

		// binomial(10,000, 0.25): standard deviation 43; 5 of them
		assertThat(lost).isBetween(2500 - 217, 2500 + 217);
		assertThat(delivered).hasSize(10_000 - lost);
		assertThat(from("miner-2")).isSorted();
		assertThat(drops).hasSize(lost).containsOnly("block:loss");
	}

	@Test
	void losesTheSameMessagesForTheSameSeed() {
		control.replace(new NetworkConditions(Duration.ZERO, Duration.ZERO, JitterDistribution.UNIFORM, 0.5,
				Partitions.NONE));
		List<DelayLine.Outcome> first = new ArrayList<>();
		List<DelayLine.Outcome> second = new ArrayList<>();
		List<DelayLine.Outcome> other = new ArrayList<>();
		DelayLine a = line(99, System::nanoTime);
		DelayLine b = line(99, System::nanoTime);
		DelayLine c = line(100, System::nanoTime);
		for (int i = 0; i < 200; i++) {
			first.add(a.convey("miner-2", Traffic.TRANSACTION, () -> {
			}));
			second.add(b.convey("miner-2", Traffic.TRANSACTION, () -> {
			}));
			other.add(c.convey("miner-2", Traffic.TRANSACTION, () -> {
			}));
		}

		assertThat(second).isEqualTo(first);
		assertThat(other).isNotEqualTo(first);
	}

	@Test
	void letsAnInlineDeliverysFailureReachTheCaller() {
		DelayLine line = line();

		assertThatIllegalStateException().isThrownBy(() -> line.convey("miner-2", Traffic.BLOCK, () -> {
			throw new IllegalStateException("a bug in the node");
		}));
	}

	@Test
	void survivesAHeldDeliveryThatFailsAndDeliversTheNextOne() {
		DelayLine line = line();
		control.replace(delayed(Duration.ofMillis(5)));

		line.convey("miner-2", Traffic.BLOCK, () -> {
			throw new IllegalStateException("a bug in the node");
		});
		convey(line, "miner-2", 2);

		await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
		assertThat(delivered).containsExactly("miner-2:2");
		await().atMost(Duration.ofSeconds(5)).until(() -> line.held() == 0);
	}

	@Test
	void stopsItsThreadWhenClosedAndNeverDeliversWhatStillWaits() {
		DelayLine line = line();
		control.replace(delayed(Duration.ofMillis(100)));
		convey(line, "miner-2", 1);
		await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
		control.replace(delayed(Duration.ofHours(1)));
		convey(line, "miner-2", 2);
		assertThat(networkThreads()).isEqualTo(1);

		line.close();

		await().atMost(Duration.ofSeconds(5)).until(() -> networkThreads() == 0);
		assertThat(convey(line, "miner-2", 3)).isEqualTo(DelayLine.Outcome.HELD);
		assertThat(delivered).containsExactly("miner-2:1");
	}

	private static long networkThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(thread -> thread.isAlive() && thread.getName().equals("network-" + RECEIVER))
			.count();
	}

}
