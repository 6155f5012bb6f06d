package dev.minerfleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.node.MinerControl;
import dev.minerfleet.node.TransactionStatus;
import dev.minerfleet.testsupport.RawMqttClient;
import dev.minerfleet.testsupport.TestBroker;

/**
 * The broker goes away for 30 s: the miners mine on alone, each on a branch of its own, say the broker is DOWN, then
 * reconnect, resubscribe, announce their tips and settle on the branch with the most work, losing no transaction.
 */
@ExtendWith(OutputCaptureExtension.class)
class BrokerOutageIT {

	private static final Logger log = LoggerFactory.getLogger(BrokerOutageIT.class);

	private static final Duration OUTAGE = Duration.ofSeconds(30);

	@RegisterExtension
	static final TestBroker broker = new TestBroker();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void minersMineThroughA30SecondBrokerOutageThenReconnectResolveTheirForksAndLoseNoTransaction(CapturedOutput output)
			throws Exception {
		assumeTrue(broker.canStopAndRestart(), "only a Mosquitto process the tests own can be stopped");
		String prefix = broker.uniqueTopicPrefix();
		String[] args = { "--chain.difficulty-bits=21", "--chain.retarget-interval=0", "--mining.enabled=false",
				"--generator.enabled=false", "--mqtt.max-reconnect-delay=1s" };
		try (Miner a = Miner.start("outage-a", broker.url(), prefix, args);
				Miner b = Miner.start("outage-b", broker.url(), prefix, args);
				Miner c = Miner.start("outage-c", broker.url(), prefix, args);
				RawMqttClient probe = RawMqttClient.connect(broker.url())) {
			List<Miner> fleet = List.of(a, b, c);
			fleet.forEach(miner -> miner.awaitListening(probe, prefix));
			probe.close();
			fleet.forEach(miner -> miner.bean(MinerControl.class).resumeMining());
			fleet.forEach(miner -> miner.generator(Duration.ofMillis(300)).start());
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				assertThat(fleet).allMatch(miner -> miner.chain().snapshot().height() >= 3);
				assertAgreeUpToTheLastTwoBlocks(fleet);
			});
			Map<String, Integer> heightsBefore = heights(fleet);
			Map<String, Long> reorgsBefore = new HashMap<>();
			fleet.forEach(miner -> reorgsBefore.put(miner.id(), miner.chain().statistics().reorganizations()));

			broker.stop();
			long stoppedAt = System.nanoTime();
			try {
				await().atMost(Duration.ofSeconds(15)).until(() -> allHealth(fleet, 503));
				Duration left = OUTAGE.minusNanos(System.nanoTime() - stoppedAt);
				// for the rest of the outage every miner keeps saying DOWN
				await().during(left).atMost(left.plusSeconds(5)).until(() -> allHealth(fleet, 503));
			}
			finally {
				fleet.forEach(miner -> miner.generator(Duration.ofMillis(300)).stop());
			}
			Map<String, Integer> heightsAfterOutage = heights(fleet);
			Set<Hash> held = new HashSet<>();
			fleet.forEach(miner -> held.addAll(heldTransactions(miner)));
			log.info("Outage of {} s: heights {} before, {} at its end; {} transactions held", OUTAGE.toSeconds(),
					heightsBefore, heightsAfterOutage, held.size());
			// mining went on without the broker
			for (Miner miner : fleet) {
				assertThat(heightsAfterOutage.get(miner.id())).as("height of %s", miner.id())
					.isGreaterThan(heightsBefore.get(miner.id()));
			}

			long restartedAt = System.nanoTime();
			broker.restart();
			await().atMost(Duration.ofSeconds(30)).until(() -> allHealth(fleet, 200));
			long reconnected = System.nanoTime();
			// resubscribed: a transaction published now reaches every miner
			Transaction probeTx = Transaction.create("probe", "everyone", 1, "after the outage",
					System.currentTimeMillis(), "probe");
			try (RawMqttClient client = RawMqttClient.connect(broker.url())) {
				client.publish(prefix + "/NEWTRX", BlockJson.bytes(BlockJson.message(probeTx, "probe")), 1);
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> fleet.stream()
					.allMatch(miner -> !(miner.chain().transactionStatus(probeTx.id()) instanceof TransactionStatus.Unknown)));
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertAgreeUpToTheLastTwoBlocks(fleet));
			long agreed = System.nanoTime();
			long reorgs = fleet.stream()
				.mapToLong(miner -> miner.chain().statistics().reorganizations() - reorgsBefore.get(miner.id()))
				.sum();
			log.info("After the restart: all UP in {} ms, in agreement in {} ms, {} reorganizations, heights {}",
					(reconnected - restartedAt) / 1_000_000, (agreed - restartedAt) / 1_000_000, reorgs, heights(fleet));
			// three branches became one: the miners on the lighter ones switched
			assertThat(reorgs).isGreaterThanOrEqualTo(2);
			assertThat(output.getAll().lines().filter(line -> line.contains("Announced tip #"))).as("tip announcements")
				.hasSizeGreaterThanOrEqualTo(6);
			// every transaction any miner held ends up confirmed on every miner
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
				for (Miner miner : fleet) {
					for (Hash id : held) {
						assertThat(miner.chain().transactionStatus(id)).as("transaction %s on %s", id.abbreviated(),
								miner.id())
							.isInstanceOf(TransactionStatus.Confirmed.class);
					}
				}
			});
			for (Miner miner : fleet) {
				assertThat(miner.chain().statistics().blocksRejected()).as("blocks rejected by %s", miner.id()).isZero();
			}
		}
		finally {
			if (!broker.acceptsConnections()) {
				broker.restart();
			}
		}
	}

	/** The transactions a miner holds: pending, or confirmed on its active chain. */
	private static Set<Hash> heldTransactions(Miner miner) {
		Set<Hash> held = new HashSet<>();
		miner.chain().mempool().transactions().forEach(tx -> held.add(tx.id()));
		ChainSnapshot view = miner.chain().snapshot();
		for (StoredBlock block : view.range(1, view.height())) {
			for (Transaction tx : block.block().transactions()) {
				if (!tx.isCoinbase()) {
					held.add(tx.id());
				}
			}
		}
		return held;
	}

	private static Map<String, Integer> heights(List<Miner> fleet) {
		Map<String, Integer> heights = new HashMap<>();
		fleet.forEach(miner -> heights.put(miner.id(), miner.chain().snapshot().height()));
		return heights;
	}

	private boolean allHealth(List<Miner> fleet, int status) throws Exception {
		for (Miner miner : fleet) {
			HttpResponse<String> health = http.send(
					HttpRequest.newBuilder(URI.create(miner.baseUrl() + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			if (health.statusCode() != status || !health.body().contains("\"mqtt\"")) {
				return false;
			}
		}
		return true;
	}

	private static void assertAgreeUpToTheLastTwoBlocks(List<Miner> fleet) {
		List<ChainSnapshot> views = fleet.stream().map(miner -> miner.chain().snapshot()).toList();
		int common = views.stream().mapToInt(ChainSnapshot::height).min().orElseThrow() - 2;
		Hash reference = views.get(0).at(Math.max(0, common)).map(StoredBlock::hash).orElseThrow();
		for (ChainSnapshot view : views) {
			assertThat(view.at(Math.max(0, common)).map(StoredBlock::hash)).contains(reference);
		}
	}

}
