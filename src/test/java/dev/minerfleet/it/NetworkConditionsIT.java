package dev.minerfleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.node.NodeObserver;
import dev.minerfleet.testsupport.RawMqttClient;
import dev.minerfleet.testsupport.TestBroker;
import io.micrometer.core.instrument.MeterRegistry;

/** Network conditions on real miners over a real broker: a delay holds blocks back, a partition splits the chain. */
class NetworkConditionsIT {

	private static final Logger log = LoggerFactory.getLogger(NetworkConditionsIT.class);

	@RegisterExtension
	static final TestBroker broker = new TestBroker();

	private static final Class<?>[] TIMED = { Timeline.Config.class };

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aMinerWithADelayHearsEveryBlockNoSoonerThanTheDelayAfterItWasMined() {
		String prefix = broker.uniqueTopicPrefix();
		// about ten blocks a second from one miner; the two others only listen
		String[] chain = { "--chain.difficulty-bits=18", "--generator.enabled=false" };
		try (Miner source = Miner.start(TIMED, "source", broker.url(), prefix, chain[0], chain[1]);
				Miner delayed = Miner.start(TIMED, "delayed", broker.url(), prefix, chain[0], chain[1],
						"--mining.enabled=false", "--network.delay=300ms");
				Miner prompt = Miner.start(TIMED, "prompt", broker.url(), prefix, chain[0], chain[1],
						"--mining.enabled=false");
				RawMqttClient probe = RawMqttClient.connect(broker.url())) {
			delayed.awaitListening(probe, prefix);
			prompt.awaitListening(probe, prefix);
			Timeline mined = source.bean(Timeline.class);
			int from = mined.count();

			await().atMost(Duration.ofSeconds(30))
				.until(() -> delays(mined, delayed.bean(Timeline.class), from).size() >= 20
						&& delays(mined, prompt.bean(Timeline.class), from).size() >= 20);

			List<Long> delayedMillis = delays(mined, delayed.bean(Timeline.class), from);
			List<Long> promptMillis = delays(mined, prompt.bean(Timeline.class), from);
			log.info("From mined to received: with network.delay=300ms {}, without {}", describe(delayedMillis),
					describe(promptMillis));
			assertThat(delayedMillis).allSatisfy(millis -> assertThat(millis).isGreaterThanOrEqualTo(300));
			assertThat(Collections.min(promptMillis)).as("the miner without a delay is not held back")
				.isLessThan(300);
		}
	}

	@Test
	void partitionedMinersMineApartAndAgreeOnTheChainWithMostWorkOnceHealed() throws Exception {
		String prefix = broker.uniqueTopicPrefix();
		String[] chain = { "--chain.difficulty-bits=19", "--generator.interval=500ms" };
		try (Miner left = Miner.start("left", broker.url(), prefix, chain);
				Miner right = Miner.start("right", broker.url(), prefix, chain);
				RawMqttClient probe = RawMqttClient.connect(broker.url())) {
			left.awaitListening(probe, prefix);
			right.awaitListening(probe, prefix);
			await().atMost(Duration.ofSeconds(30)).until(() -> agreeUpTo(left, right, 3));

			String split = "{\"partitions\":[[\"left\"],[\"right\"]]}";
			assertThat(put(left, split).statusCode()).isEqualTo(200);
			assertThat(put(right, split).statusCode()).isEqualTo(200);
			int splitAt = Math.max(height(left), height(right));

			await().atMost(Duration.ofSeconds(30))
				.until(() -> height(left) >= splitAt + 5 && height(right) >= splitAt + 5);

			StoredBlock leftBlock = left.chain().snapshot().at(splitAt + 1).orElseThrow();
			StoredBlock rightBlock = right.chain().snapshot().at(splitAt + 1).orElseThrow();
			assertThat(leftBlock.block().miner()).isEqualTo("left");
			assertThat(rightBlock.block().miner()).isEqualTo("right");
			assertThat(right.chain().findBlock(leftBlock.hash())).as("right never got left's block").isEmpty();
			assertThat(left.chain().findBlock(rightBlock.hash())).as("left never got right's block").isEmpty();
			assertThat(droppedBlocks(left)).isPositive();
			assertThat(droppedBlocks(right)).isPositive();
			long reorgsBefore = left.chain().statistics().reorganizations()
					+ right.chain().statistics().reorganizations();

			assertThat(put(left, "{}").statusCode()).isEqualTo(200);
			assertThat(put(right, "{}").statusCode()).isEqualTo(200);
			int healedAt = Math.max(height(left), height(right));
			long start = System.nanoTime();

			await().atMost(Duration.ofSeconds(30)).until(() -> agreeUpTo(left, right, healedAt));

			log.info("Split at #{}, healed at #{} (left #{}, right #{} by then); one chain up to #{} after {} ms",
					splitAt, healedAt, height(left), height(right), healedAt, (System.nanoTime() - start) / 1_000_000);
			Hash agreed = left.chain().snapshot().at(splitAt + 1).orElseThrow().hash();
			assertThat(agreed).as("the chain both keep starts with one side's block")
				.isIn(leftBlock.hash(), rightBlock.hash());
			assertThat(left.chain().statistics().reorganizations() + right.chain().statistics().reorganizations())
				.as("the side with less work switched to the other's chain")
				.isGreaterThan(reorgsBefore);
			assertThat(left.chain().statistics().blocksRejected()).isZero();
			assertThat(right.chain().statistics().blocksRejected()).isZero();
		}
	}

	@Test
	void aTransactionMadeWhileCutOffReachesTheOtherMinerAfterThePartitionHealsThoughNobodyMines() throws Exception {
		String prefix = broker.uniqueTopicPrefix();
		// every second, not every 30: each miner sends again what it made that waited that long
		String[] idle = { "--mining.enabled=false", "--generator.enabled=false", "--sync.announce-interval=1s" };
		try (Miner left = Miner.start("left", broker.url(), prefix, idle);
				Miner right = Miner.start("right", broker.url(), prefix, idle);
				RawMqttClient probe = RawMqttClient.connect(broker.url())) {
			left.awaitListening(probe, prefix);
			right.awaitListening(probe, prefix);
			String split = "{\"partitions\":[[\"left\"],[\"right\"]]}";
			assertThat(put(left, split).statusCode()).isEqualTo(200);
			assertThat(put(right, split).statusCode()).isEqualTo(200);

			Transaction cutOff = Transaction.create("alice", "bob", 3, "made while cut off", System.currentTimeMillis(),
					"left");
			assertThat(left.chain().createTransaction(cutOff).isAdded()).isTrue();
			// its broadcast, then at least one of the sends again, both dropped
			await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> dropped(right, "transaction") >= 2);
			assertThat(right.chain().mempool().contains(cutOff.id())).as("the partition dropped it").isFalse();

			assertThat(put(left, "{}").statusCode()).isEqualTo(200);
			assertThat(put(right, "{}").statusCode()).isEqualTo(200);

			// no block carries it (nobody mines): only sending it again after the heal does
			await().atMost(Duration.ofSeconds(10)).until(() -> right.chain().mempool().contains(cutOff.id()));
			assertThat(left.chain().mempool().contains(cutOff.id())).as("still held by its maker").isTrue();
		}
	}

	// ---- helpers

	private HttpResponse<String> put(Miner miner, String json) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(miner.baseUrl() + "/admin/network"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static int height(Miner miner) {
		return miner.chain().snapshot().height();
	}

	/** Both chains reach {@code height} and hold the same block there, so the same chain up to it. */
	private static boolean agreeUpTo(Miner a, Miner b, int height) {
		ChainSnapshot left = a.chain().snapshot();
		ChainSnapshot right = b.chain().snapshot();
		Optional<Hash> leftHash = left.at(height).map(StoredBlock::hash);
		return leftHash.isPresent() && leftHash.equals(right.at(height).map(StoredBlock::hash));
	}

	private static double droppedBlocks(Miner miner) {
		return dropped(miner, "block");
	}

	private static double dropped(Miner miner, String kind) {
		return miner.bean(MeterRegistry.class)
			.get("blockchain.network.messages.dropped")
			.tag("kind", kind)
			.tag("reason", "partition")
			.counter()
			.count();
	}

	/**
	 * Milliseconds from mined to received for the blocks {@code receiver} received live, of those {@code source}
	 * mined after its first {@code from}.
	 */
	private static List<Long> delays(Timeline source, Timeline receiver, int from) {
		List<Long> millis = new ArrayList<>();
		source.minedSince(from).forEach((hash, minedAt) -> {
			Long receivedAt = receiver.received.get(hash);
			if (receivedAt != null) {
				millis.add((receivedAt - minedAt) / 1_000_000);
			}
		});
		return millis;
	}

	private static String describe(List<Long> millis) {
		List<Long> sorted = new ArrayList<>(millis);
		Collections.sort(sorted);
		return String.format("min %d ms, median %d ms, max %d ms over %d blocks", sorted.get(0),
				sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size());
	}

	/**
	 * When each block was mined here or first received live (NEWBLOCK), on {@link System#nanoTime()}: the miners run
	 * in one JVM, so their times compare. A mined block is timed before it is published.
	 */
	public static class Timeline implements NodeObserver {

		private final List<Hash> minedOrder = Collections.synchronizedList(new ArrayList<>());

		private final Map<Hash, Long> mined = new ConcurrentHashMap<>();

		final Map<Hash, Long> received = new ConcurrentHashMap<>();

		@Override
		public void blockMined(StoredBlock block) {
			mined.put(block.hash(), System.nanoTime());
			minedOrder.add(block.hash());
		}

		@Override
		public void blockReceived(String from, AddResult result, Optional<Duration> propagationDelay) {
			long now = System.nanoTime();
			if (propagationDelay.isPresent() && result instanceof AddResult.Extended extended) {
				extended.connected().forEach(block -> received.putIfAbsent(block.hash(), now));
			}
		}

		int count() {
			return minedOrder.size();
		}

		Map<Hash, Long> minedSince(int from) {
			Map<Hash, Long> since = new java.util.LinkedHashMap<>();
			synchronized (minedOrder) {
				for (Hash hash : minedOrder.subList(from, minedOrder.size())) {
					since.put(hash, mined.get(hash));
				}
			}
			return since;
		}

		@TestConfiguration(proxyBeanMethods = false)
		public static class Config {

			@Bean
			Timeline timeline() {
				return new Timeline();
			}

		}

	}

}
