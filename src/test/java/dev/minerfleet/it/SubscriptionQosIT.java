package dev.minerfleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.integration.channel.AbstractMessageChannel;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

import dev.minerfleet.chain.Transaction;
import dev.minerfleet.testsupport.RawMqttClient;
import dev.minerfleet.testsupport.TestBroker;

/**
 * What the broker delivers at which QoS: a subscription's QoS caps the QoS of every message delivered on it, and the
 * MQTT adapter passes the delivered QoS on as a header, so two real miners on a real broker show what they subscribed
 * with.
 */
class SubscriptionQosIT {

	@RegisterExtension
	static final TestBroker broker = new TestBroker();

	@Test
	void transactionsArriveUnacknowledgedByDefaultAtTheConfiguredQosOtherwiseAndBlocksAtQosOne() {
		String prefix = broker.uniqueTopicPrefix();
		try (Miner byDefault = Miner.start("qos-default", broker.url(), prefix, "--mining.enabled=false",
				"--generator.enabled=false");
				Miner configured = Miner.start("qos-configured", broker.url(), prefix, "--mining.enabled=false",
						"--generator.enabled=false", "--mqtt.transaction-qos=1");
				RawMqttClient sender = RawMqttClient.connect(broker.url())) {
			byDefault.awaitListening(sender, prefix);
			configured.awaitListening(sender, prefix);
			Map<String, Integer> atDefault = record(byDefault);
			Map<String, Integer> atConfigured = record(configured);
			Transaction tx = Transaction.create("alice", "bob", 5, "qos-probe-transaction", 1, "qos-sender");

			sender.publish(prefix + "/NEWTRX", BlockJson.bytes(BlockJson.message(tx, "qos-sender")), 1);
			sender.publish(prefix + "/NEWBLOCK", "qos-probe-block: not a block", 1);

			await().atMost(Duration.ofSeconds(30)).until(() -> atDefault.size() == 2 && atConfigured.size() == 2);
			assertThat(atDefault).containsExactlyInAnyOrderEntriesOf(
					Map.of("newTrxChannel qos-probe-transaction", 0, "newBlockChannel qos-probe-block", 1));
			assertThat(atConfigured).containsExactlyInAnyOrderEntriesOf(
					Map.of("newTrxChannel qos-probe-transaction", 1, "newBlockChannel qos-probe-block", 1));
		}
	}

	/**
	 * The QoS each probe message arrived with on the miner's transaction and block channels, by channel and probe,
	 * noted before anything decodes it.
	 */
	private static Map<String, Integer> record(Miner miner) {
		Map<String, Integer> received = new ConcurrentHashMap<>();
		for (String channel : List.of("newTrxChannel", "newBlockChannel")) {
			miner.bean(channel, AbstractMessageChannel.class).addInterceptor(new ChannelInterceptor() {

				@Override
				public Message<?> preSend(Message<?> message, MessageChannel to) {
					String payload = new String((byte[]) message.getPayload(), StandardCharsets.UTF_8);
					for (String probe : List.of("qos-probe-transaction", "qos-probe-block")) {
						if (payload.contains(probe)) {
							received.put(channel + " " + probe,
									message.getHeaders().get(MqttHeaders.RECEIVED_QOS, Integer.class));
						}
					}
					return message;
				}

			});
		}
		return received;
	}

}
