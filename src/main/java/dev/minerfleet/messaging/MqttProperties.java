package dev.minerfleet.messaging;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
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
 * @param qos quality of service of publications and of the subscriptions to NEWBLOCK, TIP and SYNC
 * @param transactionQos quality of service of the subscription to NEWTRX: 0 by default, as Bitcoin relays
 * transactions best-effort; a transaction lost on the way comes again with the rebroadcasts, or inside a block
 * (compact relay asks the block's sender for it), so an acknowledgement for each of the fleet's most frequent
 * messages costs every miner and the broker work without keeping anything that would otherwise be lost
 * @param maxMessageSize larger messages are neither sent nor parsed
 * @param connectionTimeout how long one connection attempt may take (whole seconds, rounded up)
 * @param maxReconnectDelay the longest wait between reconnection attempts (they back off from 1 s)
 * @param maxInflight most QoS 1 publications awaiting the broker's acknowledgement
 * @param tls how {@code ssl://} and {@code wss://} connections trust the broker and prove who this miner is
 */
@Validated
@ConfigurationProperties("mqtt")
public record MqttProperties(
		@DefaultValue("tcp://localhost:1883") @NotNull @Pattern(regexp = "(tcp|ssl)://[^/\\s]+|wss?://\\S+",
				message = "an MQTT url is tcp://host:port, ssl://host:port, ws://... or wss://...") String url,
		@Nullable String username, @Nullable String password,
		@DefaultValue("blockchain") @NotNull @Pattern(regexp = "[^+#]+",
				message = "a topic prefix is not empty and holds no MQTT wildcard") String topicPrefix,
		@DefaultValue("1") @Min(0) @Max(2) int qos, @DefaultValue("0") @Min(0) @Max(2) int transactionQos,
		@DefaultValue("4MB") @NotNull DataSize maxMessageSize,
		@DefaultValue("5s") @NotNull Duration connectionTimeout, @DefaultValue("5s") @NotNull Duration maxReconnectDelay,
		@DefaultValue("1000") @Min(1) @Max(65535) int maxInflight, @DefaultValue @NotNull @Valid Tls tls) {

	public static final String TRANSACTION_TOPIC = "NEWTRX";

	public static final String BLOCK_TOPIC = "NEWBLOCK";

	public static final String SYNC_TOPIC = "SYNC";

	public static final String TIP_TOPIC = "TIP";

	/** {@link #transactionQos()} unless set. */
	public static final int DEFAULT_TRANSACTION_QOS = 0;

	/** The constructor Spring binds: a record with a second constructor has to say which. */
	@ConstructorBinding
	public MqttProperties {
	}

	/**
	 * Settings without TLS ones (the JVM's default trust store and hostname verification), NEWTRX subscribed at
	 * {@link #DEFAULT_TRANSACTION_QOS}.
	 */
	public MqttProperties(String url, @Nullable String username, @Nullable String password, String topicPrefix,
			int qos, DataSize maxMessageSize, Duration connectionTimeout, Duration maxReconnectDelay, int maxInflight) {
		this(url, username, password, topicPrefix, qos, DEFAULT_TRANSACTION_QOS, maxMessageSize, connectionTimeout,
				maxReconnectDelay, maxInflight, Tls.DEFAULT);
	}

	/** Whether the url asks for TLS: {@code ssl://} or {@code wss://}. */
	public boolean usesTls() {
		return url.startsWith("ssl://") || url.startsWith("wss://");
	}

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
				+ masked(password) + ", topicPrefix=" + topicPrefix + ", qos=" + qos
				+ ", transactionQos=" + transactionQos
				+ ", maxMessageSize=" + maxMessageSize + ", connectionTimeout=" + connectionTimeout
				+ ", maxReconnectDelay=" + maxReconnectDelay + ", maxInflight=" + maxInflight + ", tls=" + tls + "]";
	}

	/**
	 * TLS for {@code ssl://} and {@code wss://} brokers (MQTT_TLS_TRUST_STORE, MQTT_TLS_TRUST_STORE_PASSWORD, ...);
	 * unused for {@code tcp://} and {@code ws://}.
	 *
	 * @param trustStore the certificates that may sign the broker's: a PEM file of one or more certificates (such
	 * as Mosquitto's {@code ca.crt}) or a PKCS12 or JKS key store; none means the JVM's default trust store
	 * @param trustStorePassword the password of a PKCS12 or JKS trust store; {@link #toString()} never prints it
	 * @param keyStore this miner's client certificate and private key, for brokers that require one
	 * ({@code require_certificate true}): a PEM file holding both, or a PKCS12 or JKS key store
	 * @param keyStorePassword the password of the key store, or of an encrypted PEM private key
	 * @param verifyHostname whether the broker's certificate must name the host of the url; turn off only for a
	 * broker whose certificate names another host, never to silence a warning
	 */
	public record Tls(@Nullable Path trustStore, @Nullable String trustStorePassword, @Nullable Path keyStore,
			@Nullable String keyStorePassword, @DefaultValue("true") boolean verifyHostname) {

		/** The JVM's default trust store, no client certificate, hostname verification on. */
		public static final Tls DEFAULT = new Tls(null, null, null, null, true);

		@Override
		public String toString() {
			return "Tls[trustStore=" + trustStore + ", trustStorePassword=" + masked(trustStorePassword)
					+ ", keyStore=" + keyStore + ", keyStorePassword=" + masked(keyStorePassword) + ", verifyHostname="
					+ verifyHostname + "]";
		}

	}

	private static @Nullable String masked(@Nullable String secret) {
		return (secret != null) ? "******" : null;
	}

}
