package dev.minerfleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.testsupport.RawMqttClient;
import dev.minerfleet.testsupport.TestBroker;

/** A miner's blocks and transactions, as a plain MQTT client outside the application sees them. */
class SingleMinerIT {

	@RegisterExtension
	static final TestBroker broker = new TestBroker();

	@Test
	void minedBlocksReachARawMqttClientAndValidateFromTheirJsonAlone() {
		String prefix = broker.uniqueTopicPrefix();
		try (RawMqttClient client = RawMqttClient.connect(broker.url()).subscribe(prefix + "/#");
				Miner miner = Miner.start("solo", broker.url(), prefix, "--chain.difficulty-bits=16")) {

			await().atMost(Duration.ofSeconds(60)).until(() -> client.received(prefix + "/NEWBLOCK").size() >= 5);
			await().atMost(Duration.ofSeconds(30)).until(() -> !client.received(prefix + "/NEWTRX").isEmpty());

			// an independent replica of the chain, fed only with what came over the wire
			Blockchain replica = new Blockchain(miner.chain().parameters(), InstantSource.system());
			List<byte[]> messages = client.received(prefix + "/NEWBLOCK");
			for (byte[] payload : messages) {
				Block block = BlockJson.read(payload);
				assertThat(block.hash().hex()).isEqualTo(BlockJson.claimedHash(payload));
				assertThat(block.miner()).isEqualTo("solo");
				assertThat(replica.add(block)).isInstanceOf(AddResult.Extended.class);
			}
			assertThat(replica.snapshot().height()).isEqualTo(messages.size());
			assertThat(miner.chain().findBlock(replica.snapshot().tip().hash())).isPresent();
			assertThat(BlockJson.JSON.readTree(client.received(prefix + "/NEWTRX").get(0)).get("sender").asString())
				.isEqualTo("solo");
		}
	}

}
