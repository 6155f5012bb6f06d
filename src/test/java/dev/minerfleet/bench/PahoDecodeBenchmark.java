package dev.minerfleet.bench;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.internal.wire.CountingInputStream;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttPublish;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttWireMessage;

/**
 * How long Paho takes to decode a received PUBLISH packet ({@code MqttWireMessage.createWireMessage}, what its receive
 * thread does with every message) with this project's {@link CountingInputStream}, which reads payloads in bulk, and,
 * in the same run and JVM, with Paho's own, loaded from Paho's jar alone by a class loader of its own: the reference.
 * For each payload size, rounds alternate the two; the medians are printed, in microseconds and nanoseconds a byte.
 * <p>
 * Run through bench/paho-decode.sh. Arguments: {@code rounds} (default 15).
 */
public final class PahoDecodeBenchmark {

	private static final int[] SIZES = { 300, 3_000, 30_000, 300_000, 3_000_000 };

	private PahoDecodeBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 15;
		URL pahoJar = MqttClient.class.getProtectionDomain().getCodeSource().getLocation();
		System.out.printf("== Paho's CountingInputStream from %s; this project's from %s%n", pahoJar,
				CountingInputStream.class.getProtectionDomain().getCodeSource().getLocation());
		try (URLClassLoader pahoAlone = new URLClassLoader(new URL[] { pahoJar },
				ClassLoader.getPlatformClassLoader())) {
			Method original = pahoAlone.loadClass(MqttWireMessage.class.getName())
				.getMethod("createWireMessage", byte[].class);
			Method replaced = MqttWireMessage.class.getMethod("createWireMessage", byte[].class);
			for (int size : SIZES) {
				byte[] packet = packet(size);
				int repeats = Math.max(1, 3_000_000 / size);
				double[] before = new double[rounds];
				double[] after = new double[rounds];
				for (int round = 0; round < rounds; round++) {
					before[round] = micros(original, packet, repeats);
					after[round] = micros(replaced, packet, repeats);
				}
				double paho = median(before);
				double ours = median(after);
				System.out.printf("RESULT bytes=%d pahoMicros=%.2f bulkMicros=%.2f pahoNsPerByte=%.1f bulkNsPerByte=%.2f "
						+ "speedup=%.1f%n", size, paho, ours, paho * 1000 / size, ours * 1000 / size, paho / ours);
			}
		}
	}

	private static byte[] packet(int size) throws Exception {
		byte[] payload = new byte[size];
		new SplittableRandom(size).nextBytes(payload);
		MqttMessage message = new MqttMessage(payload);
		message.setQos(1);
		MqttPublish publish = new MqttPublish("blockchain/NEWTRX", message);
		publish.setMessageId(1);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(publish.getHeader());
		out.write(publish.getPayload());
		return out.toByteArray();
	}

	/** Mean microseconds a decode over {@code repeats} decodes. */
	private static double micros(Method createWireMessage, byte[] packet, int repeats) throws Exception {
		long start = System.nanoTime();
		Object last = null;
		for (int i = 0; i < repeats; i++) {
			last = createWireMessage.invoke(null, (Object) packet);
		}
		long elapsed = System.nanoTime() - start;
		if (last == null) {
			throw new IllegalStateException("nothing decoded");
		}
		return elapsed / 1e3 / repeats;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
