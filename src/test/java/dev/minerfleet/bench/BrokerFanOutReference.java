package dev.minerfleet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import dev.minerfleet.testsupport.NoDelaySocketFactory;

/**
 * The reference for the transaction throughput bench: how many messages a second a plain Paho v3 client pushes
 * through the broker at {@code args[0]} to 5 plain Paho subscribers in this JVM, every message reaching every
 * subscriber, at QoS 1, for each payload size in {@code args[2..]} over {@code args[1]} seconds. Subscribers do
 * nothing but count. The publisher keeps at most {@link #WINDOW} messages ahead of the slowest subscriber, so the
 * broker never has to queue (or drop) more than that: the rate is what the broker and the subscribing clients
 * sustain, not what the broker buffers. Sockets have TCP_NODELAY, as the miners' do. Lines starting with "RESULT"
 * are for the script.
 */
public final class BrokerFanOutReference {

	private static final int SUBSCRIBERS = Integer.getInteger("bench.miners", 5);

	/** Most messages published ahead of the slowest subscriber. */
	private static final int WINDOW = 2_000;

	private BrokerFanOutReference() {
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		long seconds = Long.parseLong(args[1]);
		for (int i = 2; i < args.length; i++) {
			run(url, seconds, Integer.parseInt(args[i]));
		}
		System.exit(0);
	}

	private static void run(String url, long seconds, int payloadBytes) throws Exception {
		String topic = "fanout-" + Long.toHexString(new SplittableRandom().nextLong() & 0xffffffL) + "/NEWTRX";
		List<AtomicLong> received = new ArrayList<>();
		List<MqttClient> subscribers = new ArrayList<>();
		for (int i = 0; i < SUBSCRIBERS; i++) {
			AtomicLong count = new AtomicLong();
			received.add(count);
			MqttClient subscriber = new MqttClient(url, "fanout-sub-" + i + "-" + System.nanoTime(),
					new MemoryPersistence());
			subscriber.setCallback(new MqttCallback() {
				@Override
				public void connectionLost(Throwable cause) {
					System.out.println("subscriber lost its connection: " + cause);
				}

				@Override
				public void messageArrived(String t, MqttMessage message) {
					count.incrementAndGet();
				}

				@Override
				public void deliveryComplete(IMqttDeliveryToken token) {
				}
			});
			subscriber.connect(options());
			subscriber.subscribe(topic, 1);
			subscribers.add(subscriber);
		}
		MqttAsyncClient publisher = new MqttAsyncClient(url, "fanout-pub-" + System.nanoTime(), new MemoryPersistence());
		publisher.connect(options()).waitForCompletion();
		byte[] payload = new byte[payloadBytes];
		SplittableRandom random = new SplittableRandom(1);
		for (int i = 0; i < payload.length; i++) {
			payload[i] = (byte) ('a' + random.nextInt(26));
		}

		long published = 0;
		long warmupEnd = System.nanoTime() + 3_000_000_000L;
		long t0 = 0;
		long r0 = 0;
		long end = warmupEnd + seconds * 1_000_000_000L;
		while (true) {
			long now = System.nanoTime();
			if (t0 == 0 && now >= warmupEnd) {
				t0 = now;
				r0 = slowest(received);
			}
			if (now >= end) {
				break;
			}
			if (published - slowest(received) >= WINDOW) {
				LockSupport.parkNanos(50_000);
				continue;
			}
			try {
				publisher.publish(topic, payload, 1, false);
				published++;
			}
			catch (MqttException ex) {
				if (ex.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
					throw ex;
				}
				LockSupport.parkNanos(50_000);
			}
		}
		long r1 = slowest(received);
		long t1 = System.nanoTime();
		double rate = (r1 - r0) * 1e9 / (t1 - t0);
		System.out.printf("RESULT reference payload_bytes=%d subscribers=%d messages_per_s=%.0f deliveries_per_s=%.0f"
				+ " payload_mb_per_s_per_subscriber=%.1f window_s=%.1f%n", payloadBytes, SUBSCRIBERS, rate,
				rate * SUBSCRIBERS, rate * payloadBytes / 1e6, (t1 - t0) / 1e9);
		// let the subscribers take what is in flight: Paho fails on a message arriving while it closes
		long drainEnd = System.nanoTime() + 10_000_000_000L;
		while (slowest(received) < published && System.nanoTime() < drainEnd) {
			LockSupport.parkNanos(10_000_000);
		}
		for (MqttClient subscriber : subscribers) {
			subscriber.unsubscribe(topic);
		}
		publisher.disconnect().waitForCompletion();
		publisher.close();
		for (MqttClient subscriber : subscribers) {
			subscriber.disconnect();
			subscriber.close();
		}
	}

	private static long slowest(List<AtomicLong> received) {
		return received.stream().mapToLong(AtomicLong::get).min().orElse(0);
	}

	private static MqttConnectOptions options() {
		MqttConnectOptions options = new MqttConnectOptions();
		options.setCleanSession(true);
		options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
		options.setMaxInflight(1000);
		options.setSocketFactory(new NoDelaySocketFactory());
		return options;
	}

}
