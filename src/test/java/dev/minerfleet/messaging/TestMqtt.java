package dev.minerfleet.messaging;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/** MQTT settings for tests: application.yaml's defaults with another url or topic prefix. */
final class TestMqtt {

	private TestMqtt() {
	}

	static MqttProperties properties() {
		return properties("tcp://localhost:1883", "blockchain");
	}

	static MqttProperties properties(String url, String topicPrefix) {
		return new MqttProperties(url, null, null, topicPrefix, 1, DataSize.ofMegabytes(4), Duration.ofSeconds(5),
				Duration.ofSeconds(5), 1000);
	}

}
