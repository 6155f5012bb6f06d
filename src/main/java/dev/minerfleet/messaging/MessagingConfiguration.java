package dev.minerfleet.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;

import javax.net.SocketFactory;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.integration.dsl.FilterEndpointSpec;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.mqtt.core.Mqttv3ClientManager;
import org.springframework.integration.mqtt.inbound.MqttPahoMessageDrivenChannelAdapter;
import org.springframework.integration.mqtt.outbound.MqttPahoMessageHandler;
import org.springframework.integration.mqtt.support.DefaultPahoMessageConverter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

import dev.minerfleet.messaging.wire.BlockAnnouncement;
import dev.minerfleet.messaging.wire.SyncCodec;
import dev.minerfleet.messaging.wire.SyncMessage;
import dev.minerfleet.messaging.wire.TransactionBatchMessage;
import dev.minerfleet.messaging.wire.WireCodec;
import dev.minerfleet.network.DelayLine;
import dev.minerfleet.network.NetworkControl;
import dev.minerfleet.network.NetworkObserver;
import dev.minerfleet.network.NetworkProperties;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.node.CompactBlockRelay;
import dev.minerfleet.node.MinerProperties;
import dev.minerfleet.node.SyncService;

/**
 * One MQTT connection per miner, shared by the inbound adapter and the outbound handler, and the flows around it:
 *
 * <pre>
 * broker -> mqttInboundAdapter -> route by topic -> newTrxChannel   -> decode -> drop own echoes -> network -> ChainService
 *                                                -> newBlockChannel -> decode -> drop own echoes -> network -> ChainService,
 *                                                                                                              SyncService
 *                                                -> syncChannel     -> decode -> drop own echoes -> network -> SyncService
 *                                                   (own SYNC topic and TIP)
 * MqttBroadcaster, MqttSyncPublisher -> mqttGateway -> mqttOutboundChannel -> mqttOutboundHandler -> broker
 * </pre>
 *
 * The inbound adapter subscribes to NEWTRX (at {@code mqtt.transaction-qos}), NEWBLOCK, TIP and this miner's own
 * SYNC topic (at {@code mqtt.qos}), where other miners send it their sync requests and replies. The "network" step
 * applies the simulated network conditions ({@code network.*}, {@link DelayLine}): it may drop a message, deliver it
 * at once on the MQTT thread as without it, or hold it and deliver it later on the miner's network thread. Each time
 * it has subscribed, on connecting and on reconnecting, {@link ReconnectActions} announces this miner's tip and sends
 * its pending transactions again.
 *
 * The broker may be late or go away: the client reconnects in the background (automatic reconnect, backing off to
 * {@code mqtt.max-reconnect-delay}), the miner keeps mining, health "mqtt" is DOWN and the log says so every 10 s.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	/** How often the log repeats that the broker cannot be reached. */
	static final Duration UNREACHABLE_WARNING_INTERVAL = Duration.ofSeconds(10);

	/** How long shutdown waits for publications in flight before disconnecting (Paho's default is 30 s). */
	private static final long QUIESCE_MILLIS = 1_000;

	private static final long DISCONNECT_MILLIS = 2_000;

	// ---- the connection

	/**
	 * The shared client; {@code stop} (also its destroy method, for a context that fails to start) disconnects and
	 * closes it, whose threads would otherwise keep the JVM alive.
	 */
	@Bean(destroyMethod = "stop")
	FailureRecordingClientManager mqttClientManager(MqttProperties mqtt, MinerProperties miner) {
		FailureRecordingClientManager manager = new FailureRecordingClientManager(connectOptions(mqtt),
				clientId(miner.id(), RandomGenerator.getDefault()));
		manager.setPersistence(new MemoryPersistence());
		manager.setCompletionTimeout(completionTimeout(mqtt).toMillis());
		manager.setQuiescentTimeout(QUIESCE_MILLIS);
		manager.setDisconnectCompletionTimeout(DISCONNECT_MILLIS);
		return manager;
	}

	/**
	 * The MQTT client id: {@code minerfleet-<miner id>-<6 random hex digits>}. Derived from the miner id, so the
	 * broker's log says who is who; with a random suffix, because a broker disconnects a client when another connects
	 * with the same id, and two processes started with the same miner id (a copy-pasted MINER_ID, a restart while
	 * the old process still shuts down) would otherwise knock each other off in turn, forever, as both reconnect
	 * automatically. Nothing depends on the id staying the same: sessions are clean.
	 */
	static String clientId(String minerId, RandomGenerator random) {
		return "minerfleet-" + minerId + "-" + String.format("%06x", random.nextInt(1 << 24));
	}

	/**
	 * The connect options: automatic reconnect (the miner never stops because the broker is late), clean sessions
	 * (a restarted miner needs no backlog: the first block it cannot connect starts catch-up sync), a large in-flight
	 * window (Paho's 10 fails bursts with "too many publishes in progress", 32202), MQTT 3.1.1, credentials when set,
	 * sockets with TCP_NODELAY, and for TLS the {@code mqtt.tls.*} trust and key stores and hostname verification.
	 * @throws InvalidTlsSettingsException when a TLS store cannot be used
	 */
	static MqttConnectOptions connectOptions(MqttProperties mqtt) {
		MqttConnectOptions options = new MqttConnectOptions();
		options.setServerURIs(new String[] { mqtt.url() });
		options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
		options.setAutomaticReconnect(true);
		options.setCleanSession(true);
		options.setConnectionTimeout(wholeSeconds(mqtt.connectionTimeout()));
		options.setMaxReconnectDelay((int) Math.min(Integer.MAX_VALUE, mqtt.maxReconnectDelay().toMillis()));
		options.setMaxInflight(mqtt.maxInflight());
		options.setSocketFactory(socketFactoryFor(mqtt));
		options.setHttpsHostnameVerificationEnabled(mqtt.tls().verifyHostname());
		if (mqtt.username() != null) {
			options.setUserName(mqtt.username());
		}
		if (mqtt.password() != null) {
			options.setPassword(mqtt.password().toCharArray());
		}
		return options;
	}

	/**
	 * Sockets with TCP_NODELAY: TLS ones for {@code ssl://} and {@code wss://}, from {@code mqtt.tls.*}, plain ones
	 * otherwise.
	 */
	static SocketFactory socketFactoryFor(MqttProperties mqtt) {
		return mqtt.usesTls() ? MqttTls.socketFactory(mqtt.tls()) : new NoDelaySocketFactory();
	}

	/** Paho counts the connection timeout in whole seconds, 0 meaning forever: round up, at least 1. */
	private static int wholeSeconds(Duration duration) {
		long millis = duration.toMillis();
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
	}

	/** How long start-up waits for the first connection attempt and subscriptions for their acknowledgement. */
	private static Duration completionTimeout(MqttProperties mqtt) {
		return Duration.ofSeconds(2L * wholeSeconds(mqtt.connectionTimeout()));
	}

	@Bean
	MqttHealthIndicator mqttHealthIndicator(FailureRecordingClientManager mqttClientManager) {
		return new MqttHealthIndicator(mqttClientManager, mqttClientManager::lastFailure);
	}

	@Bean
	MqttConnectionWatch mqttConnectionWatch(FailureRecordingClientManager mqttClientManager, MqttProperties mqtt) {
		MqttConnectionWatch watch = new MqttConnectionWatch(mqttClientManager, completionTimeout(mqtt),
				UNREACHABLE_WARNING_INTERVAL, mqttClientManager::lastFailure);
		// now, not in start(): the manager starts (and may connect) before the watch, which depends on it
		mqttClientManager.addCallback(watch);
		return watch;
	}

	@Bean
	WireCodec wireCodec(MqttProperties mqtt) {
		return new WireCodec(mqtt.maxMessageSize().toBytes(), WireCodec.DEFAULT_MAX_TRANSACTIONS);
	}

	@Bean
	SyncCodec syncCodec(WireCodec wireCodec) {
		return new SyncCodec(wireCodec);
	}

	// ---- inbound

	@Bean
	MqttPahoMessageDrivenChannelAdapter mqttInboundAdapter(Mqttv3ClientManager mqttClientManager, MqttProperties mqtt,
			MinerProperties miner) {
		PahoBulkReads.warnUnlessInUse();
		MqttPahoMessageDrivenChannelAdapter adapter = new MqttPahoMessageDrivenChannelAdapter(mqttClientManager,
				mqtt.transactionTopic(), mqtt.blockTopic(), mqtt.tipTopic(), mqtt.syncTopic(miner.id()));
		// in the order of the topics above: NEWTRX at its own QoS (0 by default: no acknowledgement for each of the
		// fleet's most frequent messages), the others at mqtt.qos
		adapter.setQos(mqtt.transactionQos(), mqtt.qos(), mqtt.qos(), mqtt.qos());
		DefaultPahoMessageConverter converter = new DefaultPahoMessageConverter();
		converter.setPayloadAsBytes(true);
		adapter.setConverter(converter);
		adapter.setCompletionTimeout(completionTimeout(mqtt).toMillis());
		adapter.setErrorChannelName(Channels.INBOUND_ERRORS);
		return adapter;
	}

	/** The simulated network on the inbound side; its thread stops with the context. */
	@Bean(destroyMethod = "close")
	DelayLine delayLine(MinerProperties miner, NetworkControl networkControl, NetworkProperties network,
			ObjectProvider<NetworkObserver> observers) {
		return new DelayLine(miner.id(), networkControl, network.random(), System::nanoTime,
				observers.orderedStream().toList());
	}

	@Bean
	InboundSteps inboundSteps(ChainService chainService, SyncService syncService, CompactBlockRelay compactBlockRelay,
			WireCodec wireCodec, SyncCodec syncCodec, MqttProperties mqtt, MinerProperties miner, DelayLine delayLine) {
		return new InboundSteps(chainService, syncService, compactBlockRelay, wireCodec, syncCodec, mqtt, miner,
				delayLine);
	}

	@Bean(Channels.NEW_TRANSACTIONS)
	DirectChannel newTrxChannel() {
		return new DirectChannel();
	}

	@Bean(Channels.NEW_BLOCKS)
	DirectChannel newBlockChannel() {
		return new DirectChannel();
	}

	@Bean(Channels.SYNC)
	DirectChannel syncChannel() {
		return new DirectChannel();
	}

	/**
	 * Routes each received message to the channel {@link InboundSteps#channelFor} names, looked up once here: a router
	 * given names resolves each through the bean factory for every message, 3 % of a 30-miner fleet's CPU.
	 */
	@Bean
	IntegrationFlow mqttInboundFlow(MqttPahoMessageDrivenChannelAdapter mqttInboundAdapter, InboundSteps steps,
			@Qualifier(Channels.NEW_TRANSACTIONS) MessageChannel transactions,
			@Qualifier(Channels.NEW_BLOCKS) MessageChannel blocks, @Qualifier(Channels.SYNC) MessageChannel sync,
			@Qualifier(IntegrationContextUtils.NULL_CHANNEL_BEAN_NAME) MessageChannel dropped) {
		Map<String, MessageChannel> channels = Map.of(Channels.NEW_TRANSACTIONS, transactions, Channels.NEW_BLOCKS,
				blocks, Channels.SYNC, sync, IntegrationContextUtils.NULL_CHANNEL_BEAN_NAME, dropped);
		return IntegrationFlow.from(mqttInboundAdapter)
			.route(Message.class, message -> channels.get(steps.channelFor(message)))
			.get();
	}

	@Bean
	IntegrationFlow newTransactionFlow(InboundSteps steps) {
		return IntegrationFlow.from(Channels.NEW_TRANSACTIONS)
			.handle(byte[].class, steps::decodeTransactions)
			.filter(TransactionBatchMessage.class, steps::isFromAnotherMiner, MessagingConfiguration::dropQuietly)
			.handle(TransactionBatchMessage.class, steps::conveyTransactions)
			.nullChannel();
	}

	@Bean
	IntegrationFlow newBlockFlow(InboundSteps steps) {
		return IntegrationFlow.from(Channels.NEW_BLOCKS)
			.handle(byte[].class, steps::decodeBlock)
			.filter(BlockAnnouncement.class, steps::isFromAnotherMiner, MessagingConfiguration::dropQuietly)
			.handle(BlockAnnouncement.class, steps::conveyBlock)
			.nullChannel();
	}

	@Bean
	IntegrationFlow syncFlow(InboundSteps steps) {
		return IntegrationFlow.from(Channels.SYNC)
			.handle(byte[].class, steps::decodeSync)
			.filter(SyncMessage.class, steps::isFromAnotherMiner, MessagingConfiguration::dropQuietly)
			.handle(SyncMessage.class, steps::conveySync)
			.nullChannel();
	}

	/** Echoes are expected, one per message this miner sends: no WARN per echo, which a filter logs by default. */
	private static void dropQuietly(FilterEndpointSpec filter) {
		filter.discardChannel(IntegrationContextUtils.NULL_CHANNEL_BEAN_NAME);
	}

	@Bean
	IntegrationFlow mqttInboundErrorFlow(InboundSteps steps) {
		return IntegrationFlow.from(Channels.INBOUND_ERRORS).handle(Throwable.class, steps::reportFailure).get();
	}

	// ---- outbound

	@Bean
	MqttPahoMessageHandler mqttOutboundHandler(Mqttv3ClientManager mqttClientManager, MqttProperties mqtt) {
		MqttPahoMessageHandler handler = new MqttPahoMessageHandler(mqttClientManager);
		handler.setAsync(true);
		handler.setDefaultQos(mqtt.qos());
		handler.setDefaultRetained(false);
		return handler;
	}

	@Bean
	IntegrationFlow mqttOutboundFlow(MqttPahoMessageHandler mqttOutboundHandler) {
		return IntegrationFlow.from(Channels.MQTT_OUTBOUND).handle(mqttOutboundHandler).get();
	}

}
