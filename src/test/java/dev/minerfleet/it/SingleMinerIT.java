package dev.minerfleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.CompactBlock;
import dev.minerfleet.chain.PartialBlock;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.messaging.wire.BlockAnnouncement;
import dev.minerfleet.messaging.wire.CompactBlockMessage;
import dev.minerfleet.messaging.wire.Decoded.Ok;
import dev.minerfleet.messaging.wire.Decoded;
import dev.minerfleet.messaging.wire.TransactionBatchCodec;
import dev.minerfleet.messaging.wire.TransactionBatchMessage;
import dev.minerfleet.messaging.wire.WireCodec;
import dev.minerfleet.testsupport.RawMqttClient;
import dev.minerfleet.testsupport.TestBroker;

/** A miner's blocks and transactions, as a plain MQTT client outside the application sees them. */
class SingleMinerIT {

	@RegisterExtension
	static final TestBroker broker = new TestBroker();

	@Test
	void minedBlocksReachARawMqttClientAndValidateFromWhatCameOverTheWireAlone() {
		String prefix = broker.uniqueTopicPrefix();
		try (RawMqttClient client = RawMqttClient.connect(broker.url()).subscribe(prefix + "/#");
				Miner miner = Miner.start("solo", broker.url(), prefix, "--chain.difficulty-bits=16")) {

			await().atMost(Duration.ofSeconds(60)).until(() -> client.received(prefix + "/NEWBLOCK").size() >= 5);
			await().atMost(Duration.ofSeconds(30)).until(() -> !client.received(prefix + "/NEWTRX").isEmpty());

			// an independent replica of the chain, fed only with what came over the wire: compact blocks (the
			// default) rebuilt from the transactions of the NEWTRX messages, single or batched
			WireCodec codec = new WireCodec(4 << 20, WireCodec.DEFAULT_MAX_TRANSACTIONS);
			TransactionBatchCodec transactions = new TransactionBatchCodec(codec);
			List<byte[]> messages = client.received(prefix + "/NEWBLOCK");
			List<Transaction> seen = new ArrayList<>();
			for (byte[] payload : client.received(prefix + "/NEWTRX")) {
				seen.addAll(((Ok<TransactionBatchMessage>) transactions.decode(payload)).message().transactions());
			}
			Blockchain replica = new Blockchain(miner.chain().parameters(), InstantSource.system());
			for (byte[] payload : messages) {
				Decoded<BlockAnnouncement> decoded = codec.decodeBlockAnnouncement(payload);
				assertThat(decoded).isInstanceOf(Ok.class);
				CompactBlock compact = ((CompactBlockMessage) ((Ok<BlockAnnouncement>) decoded).message()).block();
				assertThat(compact.hash().hex()).isEqualTo(BlockJson.claimedHash(payload));
				assertThat(compact.miner()).isEqualTo("solo");
				Block block = PartialBlock.rebuild(compact, seen).block().orElseThrow();
				assertThat(replica.add(block)).isInstanceOf(AddResult.Extended.class);
			}
			assertThat(replica.snapshot().height()).isEqualTo(messages.size());
			assertThat(miner.chain().findBlock(replica.snapshot().tip().hash())).isPresent();
			assertThat(BlockJson.JSON.readTree(client.received(prefix + "/NEWTRX").get(0)).get("sender").asString())
				.isEqualTo("solo");
		}
	}

}
