package dev.minerfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.CompactBlock;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool.Admission;
import dev.minerfleet.messaging.wire.BlockAnnouncement;
import dev.minerfleet.messaging.wire.BlockMessage;
import dev.minerfleet.messaging.wire.BlockTransactionsMessage;
import dev.minerfleet.messaging.wire.CompactBlockMessage;
import dev.minerfleet.messaging.wire.GetBlockTransactionsMessage;
import dev.minerfleet.messaging.wire.BlocksMessage;
import dev.minerfleet.messaging.wire.GetBlocksMessage;
import dev.minerfleet.messaging.wire.SyncCodec;
import dev.minerfleet.messaging.wire.SyncMessage;
import dev.minerfleet.messaging.wire.TipMessage;
import dev.minerfleet.messaging.wire.TransactionMessage;
import dev.minerfleet.messaging.wire.WireCodec;
import dev.minerfleet.network.DelayLine;
import dev.minerfleet.network.NetworkConditions;
import dev.minerfleet.network.NetworkControl;
import dev.minerfleet.network.Partitions;
import dev.minerfleet.network.Traffic;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.node.CompactBlockRelay;
import dev.minerfleet.node.MinerProperties;
import dev.minerfleet.node.NodeObserver.MessageKind;
import dev.minerfleet.node.SyncService;

/** The named steps of the inbound flows, one at a time, without Spring or a broker. */
class InboundStepsTests {

	private static final MessageHeaders NO_HEADERS = new MessageHeaders(Map.of());

	private static final TestChain CHAIN = new TestChain();

	private static final Block BLOCK = CHAIN.block(CHAIN.genesis(), "miner-2", CHAIN.transaction());

	private static final Transaction TRANSACTION = CHAIN.transaction();

	private final ChainService chain = mock(ChainService.class);

	private final SyncService sync = mock(SyncService.class);

	private final WireCodec codec = new WireCodec(1 << 20, 100);

	private final SyncCodec syncCodec = new SyncCodec(codec);

	private final NetworkControl network = new NetworkControl(NetworkConditions.NONE);

	/** The kinds of the messages the network conditions dropped. */
	private final List<Traffic> dropped = new ArrayList<>();

	private final DelayLine delayLine = new DelayLine("miner-1", network, new SplittableRandom(1), System::nanoTime,
			List.of((traffic, reason) -> dropped.add(traffic)));

	private final CompactBlockRelay relay = mock(CompactBlockRelay.class);

	private final InboundSteps steps = new InboundSteps(chain, sync, relay, codec, syncCodec, TestMqtt.properties(),
			new MinerProperties("miner-1"), delayLine);

	InboundStepsTests() {
		when(chain.minerId()).thenReturn("miner-1");
	}

	private static Message<byte[]> received(String topic) {
		return MessageBuilder.withPayload(new byte[0]).setHeader(MqttHeaders.RECEIVED_TOPIC, topic).build();
	}

	@Test
	void routesTheTransactionTopicToTheTransactionChannel() {
		assertThat(steps.channelFor(received("blockchain/NEWTRX"))).isEqualTo("newTrxChannel");
	}

	@Test
	void routesTheBlockTopicToTheBlockChannel() {
		assertThat(steps.channelFor(received("blockchain/NEWBLOCK"))).isEqualTo("newBlockChannel");
	}

	@Test
	void dropsMessagesOnAnyOtherTopic() {
		assertThat(steps.channelFor(received("blockchain/NEWBLOCKS"))).isEqualTo("nullChannel");
		assertThat(steps.channelFor(received("other/NEWBLOCK"))).isEqualTo("nullChannel");
		assertThat(steps.channelFor(MessageBuilder.withPayload(new byte[0]).build())).isEqualTo("nullChannel");
	}

	@Test
	void routesByTheConfiguredTopicPrefix() {
		InboundSteps fleetA = new InboundSteps(chain, sync, relay, codec, syncCodec,
				TestMqtt.properties("tcp://localhost:1883", "fleet-a"), new MinerProperties("miner-1"), delayLine);

		assertThat(fleetA.channelFor(received("fleet-a/NEWBLOCK"))).isEqualTo("newBlockChannel");
		assertThat(fleetA.channelFor(received("fleet-a/NEWTRX"))).isEqualTo("newTrxChannel");
		assertThat(fleetA.channelFor(received("fleet-a/SYNC/miner-1"))).isEqualTo("syncChannel");
		assertThat(fleetA.channelFor(received("blockchain/NEWBLOCK"))).isEqualTo("nullChannel");
		assertThat(fleetA.channelFor(received("blockchain/SYNC/miner-1"))).isEqualTo("nullChannel");
	}

	@Test
	void routesItsOwnSyncTopicToTheSyncChannelAndDropsOtherMinersSyncTopics() {
		assertThat(steps.channelFor(received("blockchain/SYNC/miner-1"))).isEqualTo("syncChannel");
		assertThat(steps.channelFor(received("blockchain/SYNC/miner-2"))).isEqualTo("nullChannel");
		assertThat(steps.channelFor(received("blockchain/SYNC"))).isEqualTo("nullChannel");
		assertThat(steps.channelFor(received("blockchain/SYNC/miner-1/x"))).isEqualTo("nullChannel");
	}

	@Test
	void decodesAWellFormedBlockWithoutReportingAnything() {
		BlockAnnouncement decoded = steps.decodeBlock(codec.encode(new BlockMessage("miner-2", BLOCK)), NO_HEADERS);

		assertThat(decoded).isEqualTo(new BlockMessage("miner-2", BLOCK));
		verify(chain, never()).rejectMessage(any(), anyString(), anyString());
	}

	@Test
	void decodesAWellFormedCompactBlockFromTheBlockTopicToo() {
		CompactBlockMessage compact = new CompactBlockMessage("miner-2", CompactBlock.of(BLOCK));

		assertThat(steps.decodeBlock(codec.encode(compact), NO_HEADERS)).isEqualTo(compact);
		verify(chain, never()).rejectMessage(any(), anyString(), anyString());
	}

	@Test
	void decodesAWellFormedTransactionWithoutReportingAnything() {
		TransactionMessage decoded = steps
			.decodeTransaction(codec.encode(new TransactionMessage("miner-3", TRANSACTION)), NO_HEADERS);

		assertThat(decoded).isEqualTo(new TransactionMessage("miner-3", TRANSACTION));
		verify(chain, never()).rejectMessage(any(), anyString(), anyString());
	}

	@Test
	void reportsAnUndecodableBlockFromAnUnknownSenderAndStopsTheFlow() {
		BlockAnnouncement decoded = steps.decodeBlock("{not json".getBytes(StandardCharsets.UTF_8), NO_HEADERS);

		assertThat(decoded).isNull();
		verify(chain).rejectMessage(eq(MessageKind.BLOCK), eq("unknown"), startsWith("malformed JSON"));
	}

	@Test
	void reportsAMalformedTransactionWithTheSenderItNames() {
		String json = new String(codec.encode(new TransactionMessage("miner-3", TRANSACTION)), StandardCharsets.UTF_8)
			.replace("\"protocol\":1", "\"protocol\":2");

		TransactionMessage decoded = steps.decodeTransaction(json.getBytes(StandardCharsets.UTF_8), NO_HEADERS);

		assertThat(decoded).isNull();
		verify(chain).rejectMessage(MessageKind.TRANSACTION, "miner-3",
				"unsupported protocol version 2, this miner speaks 1");
	}

	@Test
	void decodesAWellFormedSyncRequestAndReplyWithoutReportingAnything() {
		GetBlocksMessage request = new GetBlocksMessage("miner-2", "r1", List.of(CHAIN.genesis().hash()), 500);
		BlocksMessage reply = new BlocksMessage("miner-2", "r1", List.of(BLOCK), false);

		assertThat(steps.decodeSync(syncCodec.encode(request), NO_HEADERS)).isEqualTo(request);
		assertThat(steps.decodeSync(syncCodec.encode(reply), NO_HEADERS)).isEqualTo(reply);
		verify(chain, never()).rejectMessage(any(), anyString(), anyString());
	}

	@Test
	void reportsAMalformedSyncMessageAsASyncRejectionAndStopsTheFlow() {
		String json = new String(syncCodec.encode(new BlocksMessage("miner-3", "r1", List.of(BLOCK), true)),
				StandardCharsets.UTF_8)
			.replace("\"more\":true", "\"more\":\"yes\"");

		SyncMessage decoded = steps.decodeSync(json.getBytes(StandardCharsets.UTF_8), NO_HEADERS);

		assertThat(decoded).isNull();
		verify(chain).rejectMessage(MessageKind.SYNC, "miner-3", "more must be a boolean, got a string");
	}

	@Test
	void dropsTheEchoesOfItsOwnMessages() {
		assertThat(steps.isFromAnotherMiner(new BlockMessage("miner-1", BLOCK))).isFalse();
		assertThat(steps.isFromAnotherMiner(new TransactionMessage("miner-1", TRANSACTION))).isFalse();
		assertThat(steps.isFromAnotherMiner(new GetBlocksMessage("miner-1", "r1", List.of(), 500))).isFalse();
	}

	@Test
	void keepsMessagesFromOtherMiners() {
		assertThat(steps.isFromAnotherMiner(new BlockMessage("miner-2", BLOCK))).isTrue();
		assertThat(steps.isFromAnotherMiner(new TransactionMessage("miner-10", TRANSACTION))).isTrue();
		assertThat(steps.isFromAnotherMiner(new TransactionMessage("Miner-1", TRANSACTION))).isTrue();
	}

	@Test
	void deliversATransactionWithItsSender() {
		when(chain.receiveTransaction(TRANSACTION, "miner-3")).thenReturn(Admission.ADDED);

		Admission admission = steps.deliverTransaction(new TransactionMessage("miner-3", TRANSACTION), NO_HEADERS);

		assertThat(admission).isEqualTo(Admission.ADDED);
	}

	@Test
	void deliversABlockWithItsSender() {
		AddResult duplicate = new AddResult.Duplicate(BLOCK.hash());
		when(chain.receiveBlock(BLOCK, "miner-2")).thenReturn(duplicate);

		assertThat(steps.deliverBlock(new BlockMessage("miner-2", BLOCK), NO_HEADERS)).isNull();

		verify(chain).receiveBlock(BLOCK, "miner-2");
		verify(relay, never()).receive(anyString(), any(), any());
	}

	@Test
	void handsACompactBlockToTheRelayToBeRebuiltWithTheWorkItsSenderClaims() {
		CompactBlock compact = CompactBlock.of(BLOCK);
		Optional<BigInteger> work = Optional.of(BigInteger.valueOf(12_345));

		assertThat(steps.deliverBlock(new CompactBlockMessage("miner-2", compact, work), NO_HEADERS)).isNull();

		verify(relay).receive("miner-2", compact, work);
		verify(chain, never()).receiveBlock(any(), anyString());
	}

	@Test
	void handsRequestsForBlockTransactionsAndTheirAnswersToTheRelay() {
		List<Integer> indexes = List.of(1, 4);
		List<Transaction> transactions = List.of(TRANSACTION, CHAIN.transaction());

		steps.deliverSync(new GetBlockTransactionsMessage("miner-2", BLOCK.hash(), indexes), NO_HEADERS);
		steps.deliverSync(new BlockTransactionsMessage("miner-3", BLOCK.hash(), indexes, transactions), NO_HEADERS);

		verify(relay).answer("miner-2", BLOCK.hash(), indexes);
		verify(relay).transactionsReceived("miner-3", BLOCK.hash(), indexes, transactions);
	}

	@Test
	void tellsSyncWhatBecameOfAReceivedBlockAndTheWorkItsSenderClaims() {
		AddResult orphaned = new AddResult.Orphaned(BLOCK.hash(), BLOCK.previousHash());
		when(chain.receiveBlock(BLOCK, "miner-2")).thenReturn(orphaned);
		Optional<BigInteger> work = Optional.of(BigInteger.valueOf(12_345));

		steps.deliverBlock(new BlockMessage("miner-2", BLOCK, work), NO_HEADERS);

		verify(sync).afterBlockReceived("miner-2", orphaned, work);
	}

	@Test
	void handsASyncRequestToBeAnsweredAndAReplyToBeTakenToSync() {
		List<Hash> locator = List.of(BLOCK.hash(), CHAIN.genesis().hash());

		assertThat(steps.deliverSync(new GetBlocksMessage("miner-2", "r1", locator, 200), NO_HEADERS)).isNull();
		assertThat(steps.deliverSync(new BlocksMessage("miner-3", "r2", List.of(BLOCK), true), NO_HEADERS)).isNull();

		verify(sync).answerRequest("miner-2", "r1", locator, 200);
		verify(sync).handleReply("miner-3", "r2", List.of(BLOCK), true);
	}

	@Test
	void conveysEachKindOfMessageToItsDeliveryAtOnceOnAPerfectNetwork() {
		Hash tip = BLOCK.hash();

		assertThat(steps.conveyTransaction(new TransactionMessage("miner-3", TRANSACTION), NO_HEADERS)).isNull();
		assertThat(steps.conveyBlock(new BlockMessage("miner-2", BLOCK), NO_HEADERS)).isNull();
		assertThat(steps.conveySync(new TipMessage("miner-2", 1, tip, BigInteger.TWO), topic("blockchain/TIP")))
			.isNull();

		verify(chain).receiveTransaction(TRANSACTION, "miner-3");
		verify(chain).receiveBlock(BLOCK, "miner-2");
		verify(sync).tipHeard("miner-2", tip, BigInteger.TWO, true);
	}

	@Test
	void dropsWhatComesFromAMinerPartitionedAwayAndTellsWhichKindItWas() {
		network.replace(NetworkConditions.NONE.withPartitions(Partitions.parse(List.of("miner-1;miner-2,miner-3"))));
		List<Hash> locator = List.of(CHAIN.genesis().hash());

		steps.conveyTransaction(new TransactionMessage("miner-3", TRANSACTION), NO_HEADERS);
		steps.conveyBlock(new BlockMessage("miner-2", BLOCK), NO_HEADERS);
		steps.conveySync(new TipMessage("miner-2", 1, BLOCK.hash(), BigInteger.TWO), topic("blockchain/TIP"));
		steps.conveySync(new GetBlocksMessage("miner-3", "r1", locator, 10), topic("blockchain/SYNC/miner-1"));

		verify(chain, never()).receiveTransaction(any(), anyString());
		verify(chain, never()).receiveBlock(any(), anyString());
		verify(sync, never()).tipHeard(anyString(), any(), any(), org.mockito.ArgumentMatchers.anyBoolean());
		verify(sync, never()).answerRequest(anyString(), anyString(), any(), org.mockito.ArgumentMatchers.anyInt());
		assertThat(dropped).containsExactly(Traffic.TRANSACTION, Traffic.BLOCK, Traffic.TIP, Traffic.SYNC);
	}

	private static MessageHeaders topic(String topic) {
		return new MessageHeaders(Map.of(MqttHeaders.RECEIVED_TOPIC, topic));
	}

	@Test
	void reportsAFailureOfTheNodeWithoutRethrowingIt() {
		Object reply = steps.reportFailure(new IllegalStateException("bug in the node " + Hash.ZERO.abbreviated()),
				NO_HEADERS);

		assertThat(reply).isNull();
	}

}
