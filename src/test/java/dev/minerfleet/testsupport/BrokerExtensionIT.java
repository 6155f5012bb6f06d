package dev.minerfleet.testsupport;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BrokerExtensionIT {

	private static final Duration DELIVERY = Duration.ofSeconds(10);

	@RegisterExtension
	static TestBroker broker = new TestBroker();

	@Test
	void acceptsARawMqttClient() {
		try (RawMqttClient client = RawMqttClient.connect(broker.url())) {
			assertThat(client.isConnected()).isTrue();
		}
	}

	@Test
	void deliversAMessagePublishedAtQos1ToASubscriber() {
		String topic = broker.uniqueTopicPrefix() + "/blocks";
		try (RawMqttClient subscriber = RawMqttClient.connect(broker.url());
				RawMqttClient publisher = RawMqttClient.connect(broker.url())) {
			subscriber.subscribe(topic, 1);

			publisher.publish(topic, "block #1", 1);

			await().atMost(DELIVERY)
				.untilAsserted(() -> assertThat(subscriber.receivedStrings(topic)).containsExactly("block #1"));
			assertThat(subscriber.messages(topic)).singleElement()
				.satisfies((message) -> assertThat(message.qos()).isEqualTo(1));
		}
	}

	@Test
	void keepsTestsApartByTheirTopicPrefixes() {
		String mine = broker.uniqueTopicPrefix();
		String theirs = broker.uniqueTopicPrefix();
		try (RawMqttClient subscriber = RawMqttClient.connect(broker.url());
				RawMqttClient publisher = RawMqttClient.connect(broker.url())) {
			subscriber.subscribe(mine + "/#", 1);

			publisher.publish(theirs + "/blocks", "theirs", 1);
			publisher.publish(mine + "/blocks", "mine", 1);

			await().atMost(DELIVERY).until(() -> subscriber.messages().size() == 1);
			assertThat(subscriber.receivedStrings(mine + "/blocks")).containsExactly("mine");
			assertThat(subscriber.messages()).hasSize(1);
		}
	}

	@Test
	void refusesConnectionsWhenStoppedAndListensOnTheSamePortAfterARestart() {
		assumeTrue(broker.canStopAndRestart(), "only a Mosquitto process the tests own can be stopped");
		String url = broker.url();
		int port = broker.port();
		try (RawMqttClient connectedBefore = RawMqttClient.connect(url)) {
			broker.stop();

			assertThat(MosquittoProcess.acceptsConnections(broker.host(), port)).isFalse();
			assertThatIllegalStateException().isThrownBy(() -> RawMqttClient.connect(url));
			await().atMost(DELIVERY).until(() -> !connectedBefore.isConnected());
		}

		broker.restart();

		assertThat(broker.port()).isEqualTo(port);
		String topic = broker.uniqueTopicPrefix() + "/blocks";
		try (RawMqttClient subscriber = RawMqttClient.connect(url);
				RawMqttClient publisher = RawMqttClient.connect(url)) {
			subscriber.subscribe(topic, 1);
			publisher.publish(topic, "after the outage", 1);
			await().atMost(DELIVERY)
				.untilAsserted(() -> assertThat(subscriber.receivedStrings(topic)).containsExactly("after the outage"));
		}
	}

	@Test
	void refusesToStopABrokerTheTestsDoNotOwn() {
		assumeFalse(broker.canStopAndRestart(), "the tests own this broker");

		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(broker::stop)
			.withMessageContaining(broker.source());
	}

}
