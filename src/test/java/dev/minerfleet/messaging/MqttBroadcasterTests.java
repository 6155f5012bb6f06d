package dev.minerfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.util.unit.DataSize;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.CompactBlock;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.messaging.wire.BlockMessage;
import dev.minerfleet.messaging.wire.CompactBlockMessage;
import dev.minerfleet.messaging.wire.Decoded.Ok;
import dev.minerfleet.messaging.wire.TransactionBatchCodec;
import dev.minerfleet.messaging.wire.TransactionBatchMessage;
import dev.minerfleet.messaging.wire.TransactionMessage;
import dev.minerfleet.messaging.wire.WireCodec;
import dev.minerfleet.node.MinerProperties;
import dev.minerfleet.node.RelayProperties;

@ExtendWith(OutputCaptureExtension.class)
class MqttBroadcasterTests {

	private static final TestChain CHAIN = new TestChain();

	private static final Block BLOCK = CHAIN.block(CHAIN.genesis(), "miner-1", CHAIN.transaction());

	/** The block as its miner's tree holds it, with the work its branch adds up to. */
	private static final StoredBlock STORED = new StoredBlock(BLOCK, BLOCK.hash(), 1, BigInteger.valueOf(0x200002), 1);

	private static final Transaction TRANSACTION = CHAIN.transaction();

	private final WireCodec codec = new WireCodec(1 << 20, 100);

	private final List<Published> published = new ArrayList<>();

	private boolean brokerDown;

	private final MqttGateway gateway = (payload, topic) -> {
		if (brokerDown) {
			throw new MessageDeliveryException("Client is not connected (32104)");
		}
		published.add(new Published(payload, topic));
	};

	private final MqttBroadcaster broadcaster = new MqttBroadcaster(gateway, codec, TestMqtt.properties(),
			new MinerProperties("miner-1"), RelayProperties.DEFAULT);

	record Published(byte[] payload, String topic) {
	}

	@Test
	void publishesBlocksInCompactFormToTheBlockTopicSignedWithItsMinerIdAndClaimingTheirBranchsWork() {
		broadcaster.broadcast(STORED, Set.of());

		assertThat(published).hasSize(1);
		assertThat(published.get(0).topic()).isEqualTo("blockchain/NEWBLOCK");
		assertThat(codec.decodeBlockAnnouncement(published.get(0).payload()))
			.isEqualTo(new Ok<>(new CompactBlockMessage("miner-1", CompactBlock.of(BLOCK),
					Optional.of(BigInteger.valueOf(0x200002)))));
	}

	@Test
	void sendsWholeInTheCompactBlockTheTransactionsItIsAskedTo() {
		Transaction whole = BLOCK.transactions().get(1);

		broadcaster.broadcast(STORED, Set.of(whole.id()));

		assertThat(codec.decodeBlockAnnouncement(published.get(0).payload())).isInstanceOfSatisfying(Ok.class,
				ok -> assertThat(((CompactBlockMessage) ok.message()).block())
					.isEqualTo(CompactBlock.of(BLOCK, Set.of(whole.id())))
					.satisfies(compact -> assertThat(compact.prefilled()).hasSize(2)));
	}

	@Test
	void publishesWholeBlocksWhenCompactBlocksAreOff() {
		RelayProperties wholeBlocks = new RelayProperties(false, Duration.ofSeconds(5), 32, 200);
		new MqttBroadcaster(gateway, codec, TestMqtt.properties(), new MinerProperties("miner-1"), wholeBlocks)
			.broadcast(STORED, Set.of());

		assertThat(published).hasSize(1);
		assertThat(codec.decodeBlockAnnouncement(published.get(0).payload()))
			.isEqualTo(new Ok<>(new BlockMessage("miner-1", BLOCK, Optional.of(BigInteger.valueOf(0x200002)))));
	}

	@Test
	void publishesTransactionsToTheTransactionTopic() {
		broadcaster.broadcast(TRANSACTION);

		assertThat(published).hasSize(1);
		assertThat(published.get(0).topic()).isEqualTo("blockchain/NEWTRX");
		assertThat(codec.decodeTransaction(published.get(0).payload()))
			.isEqualTo(new Ok<>(new TransactionMessage("miner-1", TRANSACTION)));
	}

	@Test
	void neverThrowsIntoTheCallerAndWarnsOncePerOutage(CapturedOutput output) {
		brokerDown = true;
		assertThatNoException().isThrownBy(() -> {
			broadcaster.broadcast(STORED, Set.of());
			broadcaster.broadcast(TRANSACTION);
			broadcaster.broadcast(TRANSACTION);
		});
		brokerDown = false;
		broadcaster.broadcast(TRANSACTION);
		brokerDown = true;
		broadcaster.broadcast(STORED, Set.of());

		assertThat(output.getAll().split("Cannot publish to MQTT broker tcp://localhost:1883", -1)).hasSize(3);
		assertThat(output.getAll()).contains("Client is not connected (32104)", "Publishing to MQTT broker tcp://localhost:1883 again");
		assertThat(published).hasSize(1);
	}

	@Test
	void doesNotPublishAMessageLargerThanTheLimit(CapturedOutput output) {
		MqttProperties small = new MqttProperties("tcp://localhost:1883", null, null, "blockchain", 1,
				DataSize.ofBytes(100), Duration.ofSeconds(5), Duration.ofSeconds(5), 1000);
		MqttBroadcaster strict = new MqttBroadcaster(gateway, codec, small, new MinerProperties("miner-1"),
				RelayProperties.DEFAULT);

		strict.broadcast(STORED, Set.of());

		assertThat(published).isEmpty();
		assertThat(output.getAll()).contains("Not broadcasting block " + BLOCK.hash().abbreviated())
			.contains("exceed mqtt.max-message-size of 100 bytes");
	}

	@Test
	void publishesSeveralTransactionsAsOneBatchMessageAndALoneOneInTheSingleForm() {
		List<Transaction> three = List.of(CHAIN.transaction(), CHAIN.transaction(), CHAIN.transaction());
		TransactionBatchCodec batches = new TransactionBatchCodec(codec);

		broadcaster.broadcast(three);
		broadcaster.broadcast(List.of(TRANSACTION));

		assertThat(published).extracting(Published::topic).containsExactly("blockchain/NEWTRX", "blockchain/NEWTRX");
		assertThat(batches.decode(published.get(0).payload()))
			.isEqualTo(new Ok<>(new TransactionBatchMessage("miner-1", three)));
		assertThat(codec.decodeTransaction(published.get(1).payload()))
			.isEqualTo(new Ok<>(new TransactionMessage("miner-1", TRANSACTION)));
	}

	@Test
	void cutsABatchLargerThanTheLimitIntoMessagesThatFitKeepingTheOrder() {
		List<Transaction> many = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			many.add(CHAIN.transaction());
		}
		MqttProperties small = new MqttProperties("tcp://localhost:1883", null, null, "blockchain", 1,
				DataSize.ofBytes(2_000), Duration.ofSeconds(5), Duration.ofSeconds(5), 1000);
		MqttBroadcaster strict = new MqttBroadcaster(gateway, codec, small, new MinerProperties("miner-1"),
				RelayProperties.DEFAULT);
		TransactionBatchCodec batches = new TransactionBatchCodec(codec);

		strict.broadcast(many);

		assertThat(published).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.payload().length).isLessThanOrEqualTo(2_000));
		List<Transaction> received = new ArrayList<>();
		for (Published message : published) {
			received.addAll(((Ok<TransactionBatchMessage>) batches.decode(message.payload())).message().transactions());
		}
		assertThat(received).isEqualTo(many);
	}

}
