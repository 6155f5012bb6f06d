package dev.minerfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.SplittableRandom;
import java.util.jar.JarInputStream;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.internal.wire.CountingInputStream;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttConnack;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttPingResp;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttPubAck;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttPublish;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttSuback;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttWireMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * This project's {@link CountingInputStream}, which replaces Paho's so that received payloads are read in bulk, not a
 * byte at a time: it is the one loaded, Paho decodes with it every kind of packet a miner receives, and Paho is the
 * version it was written against.
 */
class PahoBulkReadTests {

	@Test
	void theCountingStreamPahoLoadsIsThisProjectsNotTheOneInPahosJar() {
		URL ours = CountingInputStream.class.getProtectionDomain().getCodeSource().getLocation();
		URL paho = MqttClient.class.getProtectionDomain().getCodeSource().getLocation();

		assertThat(ours).isEqualTo(MqttBroadcaster.class.getProtectionDomain().getCodeSource().getLocation());
		assertThat(ours).isNotEqualTo(paho);
	}

	@Test
	void tellsThisProjectsBulkReadingStreamFromPahosOwn() throws Exception {
		URL paho = MqttClient.class.getProtectionDomain().getCodeSource().getLocation();
		try (URLClassLoader pahoAlone = new URLClassLoader(new URL[] { paho }, ClassLoader.getPlatformClassLoader())) {
			Class<?> pahos = pahoAlone.loadClass(CountingInputStream.class.getName());

			assertThat(PahoBulkReads.readsInBulk(CountingInputStream.class)).isTrue();
			assertThat(PahoBulkReads.readsInBulk(pahos)).isFalse();
		}
	}

	@Test
	void pahoIsStillTheVersionTheReplacementWasWrittenAgainst() throws Exception {
		URL paho = MqttClient.class.getProtectionDomain().getCodeSource().getLocation();
		try (InputStream in = paho.openStream(); JarInputStream jar = new JarInputStream(in)) {
			assertThat(jar.getManifest().getMainAttributes().getValue("Bundle-Version"))
				.as("CountingInputStream replaces Paho 1.2.5's class of that name: compare it with the new version's, "
						+ "then update this test")
				.isEqualTo("1.2.5");
		}
	}

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 0, 1, 2, 127, 128, 16_383, 16_384, 100_000, 4 << 20 })
	void pahoDecodesAPublishOfAnySizeToTheSameTopicPayloadQosAndId(int size) throws Exception {
		byte[] payload = new byte[size];
		new SplittableRandom(size).nextBytes(payload);
		MqttMessage message = new MqttMessage(payload);
		message.setQos(1);
		MqttPublish sent = new MqttPublish("blockchain/NEWBLOCK", message);
		sent.setMessageId(4711);

		MqttPublish received = (MqttPublish) MqttWireMessage.createWireMessage(packet(sent));

		assertThat(received.getTopicName()).isEqualTo("blockchain/NEWBLOCK");
		assertThat(received.getMessage().getPayload()).isEqualTo(payload);
		assertThat(received.getMessage().getQos()).isEqualTo(1);
		assertThat(received.getMessageId()).isEqualTo(4711);
	}

	@Test
	void pahoDecodesTheOtherPacketsAMinerReceives() throws Exception {
		MqttPubAck ack = (MqttPubAck) MqttWireMessage.createWireMessage(packet(new MqttPubAck(513)));
		MqttConnack connack = (MqttConnack) MqttWireMessage
			.createWireMessage(new byte[] { 0x20, 0x02, 0x01, 0x05 });
		MqttSuback suback = (MqttSuback) MqttWireMessage
			.createWireMessage(new byte[] { (byte) 0x90, 0x04, 0x00, 0x07, 0x01, 0x00 });
		MqttWireMessage ping = MqttWireMessage.createWireMessage(new byte[] { (byte) 0xD0, 0x00 });

		assertThat(ack.getMessageId()).isEqualTo(513);
		assertThat(connack.getSessionPresent()).isTrue();
		assertThat(connack.getReturnCode()).isEqualTo(5);
		assertThat(suback.getMessageId()).isEqualTo(7);
		assertThat(suback.getGrantedQos()).containsExactly(1, 0);
		assertThat(ping).isInstanceOf(MqttPingResp.class);
	}

	@Test
	void countsEveryByteReadWhetherOneAtATimeOrInBulk() throws Exception {
		CountingInputStream in = new CountingInputStream(new java.io.ByteArrayInputStream(new byte[100]));

		in.read();
		in.read(new byte[30], 0, 30);
		in.readNBytes(new byte[100], 0, 100);

		assertThat(in.getCounter()).isEqualTo(100);
		assertThat(in.read()).isEqualTo(-1);
		assertThat(in.getCounter()).isEqualTo(100);
		in.resetCounter();
		assertThat(in.getCounter()).isZero();
	}

	private static byte[] packet(MqttWireMessage message) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(message.getHeader());
		out.write(message.getPayload());
		return out.toByteArray();
	}

}
