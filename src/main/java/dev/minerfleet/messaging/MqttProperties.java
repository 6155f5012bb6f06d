package dev.minerfleet.messaging;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * How this miner reaches the MQTT broker. Every setting can come from the environment: MQTT_URL, MQTT_USERNAME,
 * MQTT_PASSWORD, MQTT_TOPIC_PREFIX, MQTT_QOS, MQTT_MAX_MESSAGE_SIZE, ...
 *
 * @param url the broker, {@code tcp://host:port} or {@code ssl://host:port}
 * @param username optional user name
 * @param password optional password; {@link #toString()} never prints it
 * @param topicPrefix topics are {@code <prefix>/NEWTRX}, {@code <prefix>/NEWBLOCK}, {@code <prefix>/TIP} and
 * {@code <prefix>/SYNC/<miner id>}
 * @param qos quality of service of subscriptions and publications
 * @param maxMessageSize larger messages are neither sent nor parsed
 * @param connectionTimeout how long one connection attempt may take (whole seconds, rounded up)
 * @param maxReconnectDelay the longest wait between reconnection attempts (they back off from 1 s)
 * @param maxInflight most QoS 1 publications awaiting the broker's acknowledgement
 */
@Validated
@ConfigurationProperties("mqtt")
public record MqttProperties(
		@DefaultValue("tcp://localhost:1883") @NotNull @Pattern(regexp = "(tcp|ssl)://[^/\\s]+|wss?://\\S+",
				message = "an MQTT url is tcp://host:port, ssl://host:port, ws://... or wss://...") String url,
		@Nullable String username, @Nullable String password,
		@DefaultValue("blockchain") @NotNull @Pattern(regexp = "[^+#]+",
				message = "a topic prefix is not empty and holds no MQTT wildcard") String topicPrefix,
		@DefaultValue("1") @Min(0) @Max(2) int qos, @DefaultValue("4MB") @NotNull DataSize maxMessageSize,
		@DefaultValue("5s") @NotNull Duration connectionTimeout, @DefaultValue("5s") @NotNull Duration maxReconnectDelay,
		@DefaultValue("1000") @Min(1) @Max(65535) int maxInflight) {

	public static final String TRANSACTION_TOPIC = "NEWTRX";

	public static final String BLOCK_TOPIC = "NEWBLOCK";

	public static final String SYNC_TOPIC = "SYNC";

	public static final String TIP_TOPIC = "TIP";

	/** Where transactions travel: {@code <prefix>/NEWTRX}. */
	public String transactionTopic() {
		return topicPrefix + "/" + TRANSACTION_TOPIC;
	}

	/** Where blocks travel: {@code <prefix>/NEWBLOCK}. */
	public String blockTopic() {
		return topicPrefix + "/" + BLOCK_TOPIC;
	}

	/** Where miners announce their tip on (re)connecting: {@code <prefix>/TIP}. */
	public String tipTopic() {
		return topicPrefix + "/" + TIP_TOPIC;
	}

	/**
	 * Where catch-up sync messages to {@code minerId} travel, requests and replies alike: {@code <prefix>/SYNC/<miner
	 * id>}. Miner ids hold no MQTT wildcard or separator.
	 */
	public String syncTopic(String minerId) {
		return topicPrefix + "/" + SYNC_TOPIC + "/" + minerId;
	}

	@Override
	public String toString() {
		return "MqttProperties[url=" + url + ", username=" + username + ", password="
				+ ((password != null) ? "******" : null) + ", topicPrefix=" + topicPrefix + ", qos=" + qos
				+ ", maxMessageSize=" + maxMessageSize + ", connectionTimeout=" + connectionTimeout
				+ ", maxReconnectDelay=" + maxReconnectDelay + ", maxInflight=" + maxInflight + "]";
	}

}
