package dev.minerfleet.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jspecify.annotations.Nullable;

/**
 * A plain Paho v3 client for tests, independent of the application's messaging code: it watches what miners put on
 * the wire and puts messages there itself (clean session, memory persistence, no automatic reconnect).
 *
 * <pre class="code">
 * try (RawMqttClient watcher = RawMqttClient.connect(broker.url())) {
 *     watcher.subscribe(prefix + "/blocks");
 *     ...
 *     await().untilAsserted(() -&gt; assertThat(watcher.received(prefix + "/blocks")).hasSize(3));
 * }
 * </pre>
 *
 * Every message from every subscription is kept, in arrival order, with the time it arrived. Failures surface as
 * {@link IllegalStateException}s carrying Paho's {@link MqttException}.
 */
public final class RawMqttClient implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final MqttClient client;

	private final String url;

	private final Queue<Message> messages = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	private RawMqttClient(MqttClient client, String url) {
		this.client = client;
		this.url = url;
	}

	/** Connects with a unique client id. */
	public static RawMqttClient connect(String url) {
		return connect(url, "raw-" + UUID.randomUUID().toString().substring(0, 8));
	}

	/** Connects with a unique client id, a user name and a password, to a broker that refuses anonymous clients. */
	public static RawMqttClient connect(String url, String username, String password) {
		return connect(url, "raw-" + UUID.randomUUID().toString().substring(0, 8), username, password);
	}

	/** Connects with the given client id: a second client with the same id knocks the first off the broker. */
	public static RawMqttClient connect(String url, String clientId) {
		return connect(url, clientId, null, null);
	}

	private static RawMqttClient connect(String url, String clientId, @Nullable String username,
			@Nullable String password) {
		MqttClient client;
		try {
			client = new MqttClient(url, clientId, new MemoryPersistence());
		}
		catch (MqttException ex) {
			throw new IllegalStateException("Invalid MQTT URL or client id: " + url + ", " + clientId, ex);
		}
		RawMqttClient raw = new RawMqttClient(client, url);
		client.setTimeToWait(TIMEOUT.toMillis());
		client.setCallback(raw.new Recorder());
		MqttConnectOptions options = new MqttConnectOptions();
		options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
		options.setCleanSession(true);
		options.setAutomaticReconnect(false);
		options.setConnectionTimeout((int) TIMEOUT.toSeconds());
		options.setMaxInflight(10_000);
		if (url.startsWith("tcp://")) {
			options.setSocketFactory(new NoDelaySocketFactory());
		}
		if (username != null) {
			options.setUserName(username);
		}
		if (password != null) {
			options.setPassword(password.toCharArray());
		}
		try {
			client.connect(options);
		}
		catch (MqttException ex) {
			closeQuietly(client);
			throw new IllegalStateException("Could not connect to " + url + " as " + clientId, ex);
		}
		return raw;
	}

	public String clientId() {
		return this.client.getClientId();
	}

	public boolean isConnected() {
		return this.client.isConnected();
	}

	/** Subscribes at QoS 1. */
	public RawMqttClient subscribe(String topicFilter) {
		return subscribe(topicFilter, 1);
	}

	/** Subscribes and waits for the broker to grant the subscription. */
	public RawMqttClient subscribe(String topicFilter, int qos) {
		int granted;
		try {
			IMqttToken token = this.client.subscribeWithResponse(topicFilter, qos);
			granted = token.getGrantedQos()[0];
		}
		catch (MqttException ex) {
			throw new IllegalStateException("Could not subscribe to " + topicFilter + " at " + this.url, ex);
		}
		if (granted == 0x80) {
			throw new IllegalStateException("The broker at " + this.url + " refused the subscription to " + topicFilter);
		}
		return this;
	}

	/** Publishes, not retained; at QoS 1 and 2 this returns once the broker has acknowledged the message. */
	public void publish(String topic, byte[] payload, int qos) {
		try {
			this.client.publish(topic, payload.clone(), qos, false);
		}
		catch (MqttException ex) {
			throw new IllegalStateException("Could not publish to " + topic + " at " + this.url, ex);
		}
	}

	/** Publishes the UTF-8 bytes of the payload. */
	public void publish(String topic, String payload, int qos) {
		publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos);
	}

	/** Payloads received so far on exactly this topic, in arrival order. */
	public List<byte[]> received(String topic) {
		return messages(topic).stream().map(Message::payload).toList();
	}

	/** Payloads received so far on exactly this topic, decoded as UTF-8, in arrival order. */
	public List<String> receivedStrings(String topic) {
		return messages(topic).stream().map(Message::payloadAsString).toList();
	}

	/** Messages received so far on exactly this topic, in arrival order. */
	public List<Message> messages(String topic) {
		return this.messages.stream().filter((message) -> message.topic().equals(topic)).toList();
	}

	/** Every message received so far, in arrival order. */
	public List<Message> messages() {
		return List.copyOf(this.messages);
	}

	/** Disconnects politely if the broker is there, forcibly if not. Closing twice does nothing. */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			if (this.client.isConnected()) {
				try {
					this.client.disconnect(1_000);
				}
				catch (MqttException ex) {
					disconnectForcibly(this.client);
				}
			}
			closeQuietly(this.client);
		}
	}

	private static void disconnectForcibly(MqttClient client) {
		try {
			client.disconnectForcibly(0, 1_000, false);
		}
		catch (MqttException ex) {
			// closing anyway
		}
	}

	private static void closeQuietly(MqttClient client) {
		try {
			client.close(true);
		}
		catch (MqttException ex) {
			// nothing more to release
		}
	}

	/** A received message. Not a record: it holds a byte array, which a record would compare by reference. */
	public static final class Message {

		private final String topic;

		private final byte[] payload;

		private final int qos;

		private final boolean retained;

		private final Instant receivedAt;

		Message(String topic, byte[] payload, int qos, boolean retained, Instant receivedAt) {
			this.topic = topic;
			this.payload = payload.clone();
			this.qos = qos;
			this.retained = retained;
			this.receivedAt = receivedAt;
		}

		public String topic() {
			return this.topic;
		}

		public byte[] payload() {
			return this.payload.clone();
		}

		public String payloadAsString() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

		public int qos() {
			return this.qos;
		}

		public boolean retained() {
			return this.retained;
		}

		public Instant receivedAt() {
			return this.receivedAt;
		}

		@Override
		public String toString() {
			return this.topic + " (" + this.payload.length + " bytes, QoS " + this.qos + ", " + this.receivedAt + ")";
		}

	}

	/** Records every message of every subscription. */
	private final class Recorder implements MqttCallback {

		@Override
		public void messageArrived(String topic, MqttMessage message) {
			RawMqttClient.this.messages.add(new Message(topic, message.getPayload(), message.getQos(),
					message.isRetained(), Instant.now()));
		}

		@Override
		public void connectionLost(@Nullable Throwable cause) {
			// isConnected() tells the tests; there is no automatic reconnect
		}

		@Override
		public void deliveryComplete(IMqttDeliveryToken token) {
		}

	}

}
