package dev.minerfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.util.unit.DataSize;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.messaging.wire.BlocksMessage;
import dev.minerfleet.messaging.wire.Decoded.Ok;
import dev.minerfleet.messaging.wire.GetBlocksMessage;
import dev.minerfleet.messaging.wire.SyncCodec;
import dev.minerfleet.messaging.wire.WireCodec;
import dev.minerfleet.node.MinerProperties;

@ExtendWith(OutputCaptureExtension.class)
class MqttSyncPublisherTests {

	private static final TestChain CHAIN = new TestChain();

	private static final List<Block> BLOCKS = CHAIN.blocks(CHAIN.genesis(), "miner-1", 10);

	private static final List<Hash> LOCATOR = List.of(BLOCKS.get(2).hash(), CHAIN.genesis().hash());

	private final SyncCodec codec = new SyncCodec(new WireCodec(1 << 20, 100));

	private final List<Published> published = new ArrayList<>();

	private boolean brokerDown;

	private final MqttGateway gateway = (payload, topic) -> {
		if (brokerDown) {
			throw new MessageDeliveryException("Client is not connected (32104)");
		}
		published.add(new Published(payload, topic));
	};

	private final MqttSyncPublisher publisher = new MqttSyncPublisher(gateway, codec, TestMqtt.properties(),
			new MinerProperties("miner-1"));

	record Published(byte[] payload, String topic) {
	}

	@Test
	void sendsARequestToTheAskedMinersSyncTopicSignedWithItsMinerId() {
		assertThat(publisher.requestBlocks("miner-2", "r1", LOCATOR, 500)).isTrue();

		assertThat(published).singleElement().satisfies(message -> {
			assertThat(message.topic()).isEqualTo("blockchain/SYNC/miner-2");
			assertThat(codec.decode(message.payload()))
				.isEqualTo(new Ok<>(new GetBlocksMessage("miner-1", "r1", LOCATOR, 500)));
		});
	}

	@Test
	void sendsAReplyToTheRequestersSyncTopic() {
		assertThat(publisher.sendBlocks("miner-3", "r7", BLOCKS, false)).isEqualTo(10);

		assertThat(published).singleElement().satisfies(message -> {
			assertThat(message.topic()).isEqualTo("blockchain/SYNC/miner-3");
			assertThat(codec.decode(message.payload()))
				.isEqualTo(new Ok<>(new BlocksMessage("miner-1", "r7", BLOCKS, false)));
		});
	}

	@Test
	void sendsAsManyBlocksAsFitInOneMessageAndSaysThereIsMore() {
		int fourBlocks = codec.encode(new BlocksMessage("miner-1", "r7", BLOCKS.subList(0, 4), false)).length;
		SyncCodec small = new SyncCodec(new WireCodec(fourBlocks, 100));
		MqttSyncPublisher strict = new MqttSyncPublisher(gateway, small, limited(fourBlocks),
				new MinerProperties("miner-1"));

		assertThat(strict.sendBlocks("miner-3", "r7", BLOCKS, false)).isEqualTo(4);

		assertThat(published).singleElement().satisfies(message -> {
			assertThat(message.payload().length).isLessThanOrEqualTo(fourBlocks);
			assertThat(small.decode(message.payload()))
				.isEqualTo(new Ok<>(new BlocksMessage("miner-1", "r7", BLOCKS.subList(0, 4), true)));
		});
	}

	@Test
	void warnsWhenNotEvenOneBlockFits(CapturedOutput output) {
		int empty = codec.encode(new BlocksMessage("miner-1", "r7", List.of(), false)).length;
		SyncCodec tiny = new SyncCodec(new WireCodec(empty + 10, 100));
		MqttSyncPublisher strict = new MqttSyncPublisher(gateway, tiny, limited(empty + 10),
				new MinerProperties("miner-1"));

		assertThat(strict.sendBlocks("miner-3", "r7", BLOCKS, false)).isZero();

		assertThat(tiny.decode(published.get(0).payload()))
			.isEqualTo(new Ok<>(new BlocksMessage("miner-1", "r7", List.of(), true)));
		assertThat(output.getAll()).contains("Block " + BLOCKS.get(0).hash().abbreviated()
				+ " does not fit in one message of mqtt.max-message-size");
	}

	@Test
	void neverThrowsWhileTheBrokerIsDown() {
		brokerDown = true;

		assertThat(publisher.requestBlocks("miner-2", "r1", LOCATOR, 500)).isFalse();
		assertThat(publisher.sendBlocks("miner-3", "r7", BLOCKS, true)).isZero();
		assertThat(published).isEmpty();
	}

	private static MqttProperties limited(int bytes) {
		return new MqttProperties("tcp://localhost:1883", null, null, "blockchain", 1, DataSize.ofBytes(bytes),
				Duration.ofSeconds(5), Duration.ofSeconds(5), 1000);
	}

}
