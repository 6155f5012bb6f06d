package dev.minerfleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.node.MinerControl;
import dev.minerfleet.node.TransactionStatus;
import dev.minerfleet.testsupport.RawMqttClient;
import dev.minerfleet.testsupport.TestBroker;

/** Three real miner applications on one real broker keep one history of transactions. */
class FleetIT {

	@RegisterExtension
	static final TestBroker broker = new TestBroker();

	@Test
	void threeMinersReachTheSameChainAndLoseNoTransaction() {
		String prefix = broker.uniqueTopicPrefix();
		Class<?>[] recording = { RecordingObserver.Config.class };
		// miners start idle and begin together once all listen: catching up on blocks missed before
		// joining is the job of sync, not of this test
		String[] idle = { "--chain.difficulty-bits=19", "--mining.enabled=false", "--generator.enabled=false" };
		try (Miner a = Miner.start(recording, "fleet-a", broker.url(), prefix, idle);
				Miner b = Miner.start(recording, "fleet-b", broker.url(), prefix, idle);
				Miner c = Miner.start(recording, "fleet-c", broker.url(), prefix, idle);
				RawMqttClient probe = RawMqttClient.connect(broker.url())) {
			List<Miner> fleet = List.of(a, b, c);
			fleet.forEach(miner -> miner.awaitListening(probe, prefix));
			fleet.forEach(miner -> miner.bean(MinerControl.class).resumeMining());
			fleet.forEach(miner -> miner.generator(Duration.ofMillis(200)).start());

			await().atMost(Duration.ofSeconds(120))
				.until(() -> fleet.stream().allMatch(miner -> miner.chain().snapshot().height() >= 10)
						&& fleet.stream().mapToInt(miner -> miner.bean(RecordingObserver.class).created().size()).sum() > 20);
			fleet.forEach(miner -> miner.generator(Duration.ofMillis(200)).stop());

			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertAgreeUpToTheLastTwoBlocks(fleet));

			Set<Hash> generated = new HashSet<>();
			fleet.forEach(miner -> generated.addAll(miner.bean(RecordingObserver.class).created()));
			assertThat(generated).hasSizeGreaterThan(20);
			// generation stopped, mining goes on: every transaction ends up confirmed on every miner
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				for (Miner miner : fleet) {
					for (Hash id : generated) {
						assertThat(miner.chain().transactionStatus(id))
							.as("transaction %s on %s", id.abbreviated(), miner.id())
							.isInstanceOf(TransactionStatus.Confirmed.class);
					}
				}
			});
			// every miner accepted blocks from the others: one fleet, not three solo chains
			for (Miner miner : fleet) {
				assertThat(miner.chain().statistics().blocksAccepted()).isPositive();
			}
			// in compact form, mostly rebuilt from the mempool alone
			long received = fleet.stream().mapToLong(miner -> miner.chain().statistics().relay().received()).sum();
			long rebuilt = fleet.stream()
				.mapToLong(miner -> miner.chain().statistics().relay().rebuiltFromMempool())
				.sum();
			assertThat(received).isPositive();
			assertThat(rebuilt).isPositive();
		}
	}

	private static void assertAgreeUpToTheLastTwoBlocks(List<Miner> fleet) {
		List<ChainSnapshot> views = fleet.stream().map(miner -> miner.chain().snapshot()).toList();
		int common = views.stream().mapToInt(ChainSnapshot::height).min().orElseThrow() - 2;
		assertThat(common).isGreaterThanOrEqualTo(8);
		Hash reference = views.get(0).at(common).map(StoredBlock::hash).orElseThrow();
		for (ChainSnapshot view : views) {
			assertThat(view.at(common).map(StoredBlock::hash)).contains(reference);
		}
	}

}
