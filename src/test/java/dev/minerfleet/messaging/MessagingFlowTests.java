package dev.minerfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.integration.annotation.IntegrationComponentScan;
import org.springframework.integration.mqtt.core.Mqttv3ClientManager;
import org.springframework.integration.mqtt.inbound.MqttPahoMessageDrivenChannelAdapter;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.CompactBlock;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.messaging.wire.BlockMessage;
import dev.minerfleet.messaging.wire.BlockTransactionsMessage;
import dev.minerfleet.messaging.wire.BlocksMessage;
import dev.minerfleet.messaging.wire.CompactBlockMessage;
import dev.minerfleet.messaging.wire.GetBlockTransactionsMessage;
import dev.minerfleet.messaging.wire.GetBlocksMessage;
import dev.minerfleet.messaging.wire.SyncCodec;
import dev.minerfleet.messaging.wire.TipMessage;
import dev.minerfleet.messaging.wire.TransactionBatchCodec;
import dev.minerfleet.messaging.wire.TransactionBatchMessage;
import dev.minerfleet.messaging.wire.TransactionMessage;
import dev.minerfleet.messaging.wire.WireCodec;
import dev.minerfleet.network.NetworkControl;
import dev.minerfleet.network.NetworkProperties;
import dev.minerfleet.node.BlockBroadcaster;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.node.CompactBlockRelay;
import dev.minerfleet.node.MinerProperties;
import dev.minerfleet.node.RelayProperties;
import dev.minerfleet.node.NodeObserver.MessageKind;
import dev.minerfleet.node.SyncRequester;
import dev.minerfleet.node.SyncResponder;
import dev.minerfleet.node.SyncService;
import dev.minerfleet.node.TransactionBroadcaster;

/**
 * The messaging configuration in a Spring context, with no broker listening: it starts anyway, reports health DOWN,
 * runs received messages through the inbound flows from the MQTT client's own callback
 * ({@link MqttPahoMessageDrivenChannelAdapter#messageArrived}) to a mock {@link ChainService}, never lets an exception
 * back into that callback, broadcasts without throwing and leaves no MQTT thread behind when closed.
 */
@ExtendWith(OutputCaptureExtension.class)
class MessagingFlowTests {

	private static final TestChain CHAIN = new TestChain();

	private static final Block BLOCK = CHAIN.block(CHAIN.genesis(), "miner-2", CHAIN.transaction());

	/** The work a sender claims for BLOCK's branch. */
	private static final Optional<BigInteger> WORK = Optional.of(BigInteger.valueOf(0x200002));

	private static final Transaction TRANSACTION = CHAIN.transaction();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(IntegrationAutoConfiguration.class, TaskSchedulingAutoConfiguration.class))
		.withUserConfiguration(MessagingTestConfiguration.class)
		.withPropertyValues("miner.id=miner-1", "mqtt.url=tcp://127.0.0.1:" + closedPort(),
				"mqtt.connection-timeout=1s", "mqtt.max-reconnect-delay=1s");

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ MqttProperties.class, MinerProperties.class, NetworkProperties.class,
			RelayProperties.class })
	@IntegrationComponentScan(basePackageClasses = MqttGateway.class)
	@Import({ MessagingConfiguration.class, MqttBroadcaster.class, MqttSyncPublisher.class })
	static class MessagingTestConfiguration {

		@Bean
		NetworkControl networkControl(NetworkProperties network) {
			return new NetworkControl(network.conditions());
		}

		@Bean
		ChainService chainService() {
			ChainService chain = mock(ChainService.class);
			when(chain.minerId()).thenReturn("miner-1");
			return chain;
		}

		@Bean
		SyncService syncService() {
			return mock(SyncService.class);
		}

		@Bean
		CompactBlockRelay compactBlockRelay() {
			return mock(CompactBlockRelay.class);
		}

	}

	/** A loopback port nobody listens on (it was free a moment ago). */
	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void arrive(AssertableApplicationContext context, String topic, byte[] payload) {
		MqttMessage message = new MqttMessage(payload);
		message.setQos(1);
		context.getBean(MqttPahoMessageDrivenChannelAdapter.class).messageArrived(topic, message);
	}

	private static byte[] encode(AssertableApplicationContext context, BlockMessage message) {
		return context.getBean(WireCodec.class).encode(message);
	}

	private static byte[] encode(AssertableApplicationContext context, TransactionMessage message) {
		return context.getBean(WireCodec.class).encode(message);
	}

	@Test
	void startsWithoutABrokerAndReportsHealthDown() {
		runner.run(context -> {
			assertThat(context).hasNotFailed();
			Health health = context.getBean("mqttHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("broker").toString()).startsWith("tcp://127.0.0.1:");
			assertThat(context.getBean(Mqttv3ClientManager.class).getClientId()).matches("minerfleet-miner-1-[0-9a-f]{6}");
		});
	}

	@Test
	void logsEveryConnectionOfTheSharedClient(CapturedOutput output) {
		runner.run(context -> {
			Mqttv3ClientManager clientManager = context.getBean(Mqttv3ClientManager.class);

			clientManager.connectComplete(false, clientManager.getUrl());

			assertThat(output.getAll()).contains("Connected to MQTT broker " + clientManager.getUrl() + " as "
					+ clientManager.getClientId());
		});
	}

	@Test
	void handsATransactionFromAnotherMinerToTheChain() {
		runner.run(context -> {
			arrive(context, "blockchain/NEWTRX", encode(context, new TransactionMessage("miner-2", TRANSACTION)));

			verify(context.getBean(ChainService.class)).receiveTransactions(List.of(TRANSACTION), "miner-2");
		});
	}

	@Test
	void handsTheTransactionsOfABatchFromAnotherMinerToTheChainTogetherAndInOrder() {
		runner.run(context -> {
			Transaction second = CHAIN.transaction();
			TransactionBatchCodec batches = new TransactionBatchCodec(context.getBean(WireCodec.class));
			arrive(context, "blockchain/NEWTRX",
					batches.encode(new TransactionBatchMessage("miner-2", List.of(second, TRANSACTION))));

			verify(context.getBean(ChainService.class)).receiveTransactions(List.of(second, TRANSACTION), "miner-2");
		});
	}

	@Test
	void handsABlockFromAnotherMinerToTheChain() {
		runner.run(context -> {
			arrive(context, "blockchain/NEWBLOCK", encode(context, new BlockMessage("miner-2", BLOCK)));

			verify(context.getBean(ChainService.class)).receiveBlock(BLOCK, "miner-2");
		});
	}

	@Test
	void subscribesToNewTrxNewBlockTipAndItsOwnSyncTopic() {
		runner.run(context -> assertThat(context.getBean(MqttPahoMessageDrivenChannelAdapter.class).getTopic())
			.containsExactly("blockchain/NEWTRX", "blockchain/NEWBLOCK", "blockchain/TIP", "blockchain/SYNC/miner-1"));
	}

	@Test
	void handsAnnouncedTipsAndAnswersToSyncAndRejectsAnythingElseOnTheTipTopic() {
		runner.run(context -> {
			SyncCodec codec = context.getBean(SyncCodec.class);
			List<Hash> locator = List.of(CHAIN.genesis().hash());

			arrive(context, "blockchain/TIP", codec.encode(new TipMessage("miner-2", 7, BLOCK.hash(), BigInteger.TEN)));
			arrive(context, "blockchain/SYNC/miner-1",
					codec.encode(new TipMessage("miner-3", 8, BLOCK.hash(), BigInteger.TWO)));
			arrive(context, "blockchain/TIP", codec.encode(new GetBlocksMessage("miner-4", "r1", locator, 9)));

			SyncService sync = context.getBean(SyncService.class);
			verify(sync).tipHeard("miner-2", BLOCK.hash(), BigInteger.TEN, true);
			verify(sync).tipHeard("miner-3", BLOCK.hash(), BigInteger.TWO, false);
			verify(sync, never()).answerRequest(anyString(), anyString(), any(), anyInt());
			verify(context.getBean(ChainService.class)).rejectMessage(MessageKind.SYNC, "miner-4",
					"only tip messages belong on blockchain/TIP");
		});
	}

	@Test
	void handsSyncRequestsAndRepliesOnItsOwnSyncTopicToSync() {
		runner.run(context -> {
			SyncCodec codec = context.getBean(SyncCodec.class);
			List<Hash> locator = List.of(CHAIN.genesis().hash());

			arrive(context, "blockchain/SYNC/miner-1", codec.encode(new GetBlocksMessage("miner-2", "r1", locator, 9)));
			arrive(context, "blockchain/SYNC/miner-1",
					codec.encode(new BlocksMessage("miner-3", "r2", List.of(BLOCK), false)));
			arrive(context, "blockchain/SYNC/miner-1", codec.encode(new GetBlocksMessage("miner-1", "r3", locator, 9)));

			SyncService sync = context.getBean(SyncService.class);
			verify(sync).answerRequest("miner-2", "r1", locator, 9);
			verify(sync).handleReply("miner-3", "r2", List.of(BLOCK), false);
			verify(sync, never()).answerRequest(eq("miner-1"), anyString(), any(), anyInt());
		});
	}

	@Test
	void tellsSyncWhatBecameOfABlockFromAnotherMiner() {
		runner.run(context -> {
			ChainService chain = context.getBean(ChainService.class);
			AddResult orphaned = new AddResult.Orphaned(BLOCK.hash(), BLOCK.previousHash());
			when(chain.receiveBlock(BLOCK, "miner-2")).thenReturn(orphaned);

			arrive(context, "blockchain/NEWBLOCK", encode(context, new BlockMessage("miner-2", BLOCK, WORK)));

			verify(context.getBean(SyncService.class)).afterBlockReceived("miner-2", orphaned, WORK);
		});
	}

	@Test
	void handsCompactBlocksAndTheirTransactionRequestsAndAnswersToTheRelay() {
		runner.run(context -> {
			SyncCodec codec = context.getBean(SyncCodec.class);
			CompactBlock compact = CompactBlock.of(BLOCK);
			List<Integer> indexes = List.of(1);

			arrive(context, "blockchain/NEWBLOCK",
					context.getBean(WireCodec.class).encode(new CompactBlockMessage("miner-2", compact, WORK)));
			arrive(context, "blockchain/SYNC/miner-1",
					codec.encode(new GetBlockTransactionsMessage("miner-3", BLOCK.hash(), indexes)));
			arrive(context, "blockchain/SYNC/miner-1", codec.encode(new BlockTransactionsMessage("miner-2",
					BLOCK.hash(), indexes, BLOCK.transactions().subList(1, 2))));

			CompactBlockRelay relay = context.getBean(CompactBlockRelay.class);
			verify(relay).receive("miner-2", compact, WORK);
			verify(relay).answer("miner-3", BLOCK.hash(), indexes);
			verify(relay).transactionsReceived("miner-2", BLOCK.hash(), indexes, BLOCK.transactions().subList(1, 2));
		});
	}

	@Test
	void implementsTheSyncPortsWithoutThrowingWhileTheBrokerIsDown() {
		runner.run(context -> {
			assertThat(context.getBean(SyncRequester.class)).isSameAs(context.getBean(SyncResponder.class));

			assertThat(context.getBean(SyncRequester.class)
				.requestBlocks("miner-2", "r1", List.of(CHAIN.genesis().hash()), 500)).isFalse();
			assertThat(context.getBean(SyncResponder.class).sendBlocks("miner-2", "r1", List.of(BLOCK), false))
				.isZero();
		});
	}

	@Test
	void dropsItsOwnEchoesQuietly(CapturedOutput output) {
		runner.run(context -> {
			arrive(context, "blockchain/NEWBLOCK", encode(context, new BlockMessage("miner-1", BLOCK)));
			arrive(context, "blockchain/NEWTRX", encode(context, new TransactionMessage("miner-1", TRANSACTION)));

			ChainService chain = context.getBean(ChainService.class);
			verify(chain, never()).receiveBlock(any(), anyString());
			verify(chain, never()).receiveTransactions(any(), anyString());
			verify(chain, never()).rejectMessage(any(), anyString(), anyString());
			assertThat(output.getAll()).doesNotContain("MessageFilter");
		});
	}

	@Test
	void reportsAMalformedMessageWithoutThrowingIntoTheMqttClient() {
		runner.run(context -> {
			assertThatNoException().isThrownBy(() -> arrive(context, "blockchain/NEWBLOCK",
					"{\"protocol\":1,\"type\":\"block\"".getBytes(StandardCharsets.UTF_8)));

			verify(context.getBean(ChainService.class)).rejectMessage(eq(MessageKind.BLOCK), eq("unknown"),
					startsWith("malformed JSON"));
		});
	}

	@Test
	void neverThrowsIntoTheMqttClientWhenTheNodeFails() {
		runner.run(context -> {
			ChainService chain = context.getBean(ChainService.class);
			when(chain.receiveBlock(any(), anyString())).thenThrow(new IllegalStateException("a bug in the node"));

			assertThatNoException().isThrownBy(
					() -> arrive(context, "blockchain/NEWBLOCK", encode(context, new BlockMessage("miner-2", BLOCK))));
			verify(chain).receiveBlock(BLOCK, "miner-2");
		});
	}

	@Test
	void broadcastsWithoutThrowingWhileTheBrokerIsDown() {
		runner.run(context -> {
			assertThat(context.getBean(BlockBroadcaster.class)).isSameAs(context.getBean(TransactionBroadcaster.class));

			assertThatNoException().isThrownBy(() -> {
				context.getBean(BlockBroadcaster.class)
					.broadcast(new StoredBlock(BLOCK, BLOCK.hash(), 1, WORK.orElseThrow(), 1), Set.of());
				context.getBean(TransactionBroadcaster.class).broadcast(TRANSACTION);
			});
		});
	}

	@Test
	void holdsABlockForTheConfiguredDelayAndHandsItToTheChainOnTheNetworkThread() {
		runner.withPropertyValues("network.delay=300ms").run(context -> {
			ChainService chain = context.getBean(ChainService.class);
			String[] thread = new String[1];
			when(chain.receiveBlock(BLOCK, "miner-2")).thenAnswer(invocation -> {
				thread[0] = Thread.currentThread().getName();
				return new AddResult.Duplicate(BLOCK.hash());
			});
			long start = System.nanoTime();

			arrive(context, "blockchain/NEWBLOCK", encode(context, new BlockMessage("miner-2", BLOCK)));

			verify(chain, timeout(5_000)).receiveBlock(BLOCK, "miner-2");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
			assertThat(thread[0]).isEqualTo("network-miner-1");
		});
	}

	@Test
	void dropsWhatAMinerPartitionedAwaySends() {
		runner.withPropertyValues("network.partitions=miner-1;miner-2,miner-3").run(context -> {
			arrive(context, "blockchain/NEWBLOCK", encode(context, new BlockMessage("miner-2", BLOCK)));
			arrive(context, "blockchain/NEWTRX", encode(context, new TransactionMessage("miner-3", TRANSACTION)));

			ChainService chain = context.getBean(ChainService.class);
			verify(chain, never()).receiveBlock(any(), anyString());
			verify(chain, never()).receiveTransactions(any(), anyString());
		});
	}

	@Test
	void leavesNoNetworkThreadBehindWhenClosed() {
		runner.withPropertyValues("network.delay=1h").run(context -> {
			arrive(context, "blockchain/NEWBLOCK", encode(context, new BlockMessage("miner-2", BLOCK)));
			assertThat(threadsNamed("network-miner-1")).isEqualTo(1);
		});

		await().atMost(Duration.ofSeconds(10)).until(() -> threadsNamed("network-miner-1") == 0);
	}

	private static long threadsNamed(String name) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(thread -> thread.isAlive() && thread.getName().equals(name))
			.count();
	}

	@Test
	void leavesNoMqttThreadBehindWhenClosed() {
		String[] clientId = new String[1];
		runner.run(context -> {
			clientId[0] = context.getBean(Mqttv3ClientManager.class).getClientId();
			// let a reconnect attempt or two start their timer threads
			await().atMost(Duration.ofSeconds(5)).until(() -> mqttThreads(clientId[0]) > 0);
		});

		await().atMost(Duration.ofSeconds(10)).until(() -> mqttThreads(clientId[0]) == 0);
	}

	private static long mqttThreads(String clientId) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(thread -> thread.isAlive() && thread.getName().contains(clientId))
			.count();
	}

}
