package dev.minerfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.SplittableRandom;

import javax.net.ssl.SSLSocket;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.internal.NetworkModule;
import org.eclipse.paho.client.mqttv3.internal.NetworkModuleService;
import org.eclipse.paho.client.mqttv3.internal.SSLNetworkModule;
import org.eclipse.paho.client.mqttv3.internal.TCPNetworkModule;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** How the MQTT connection is set up, without connecting it. */
class MessagingConfigurationTests {

	private static MqttProperties withCredentials(String url, String username, String password) {
		return new MqttProperties(url, username, password, "blockchain", 1, DataSize.ofMegabytes(4),
				Duration.ofMillis(1500), Duration.ofSeconds(30), 50);
	}

	@Test
	void reconnectsAutomaticallyWithCleanSessionsAndALargeInflightWindow() {
		MqttConnectOptions options = MessagingConfiguration.connectOptions(TestMqtt.properties());

		assertThat(options.getServerURIs()).containsExactly("tcp://localhost:1883");
		assertThat(options.isAutomaticReconnect()).isTrue();
		assertThat(options.isCleanSession()).isTrue();
		assertThat(options.getMaxInflight()).isEqualTo(1000);
		assertThat(options.getConnectionTimeout()).isEqualTo(5);
		assertThat(options.getMaxReconnectDelay()).isEqualTo(5000);
		assertThat(options.getMqttVersion()).isEqualTo(MqttConnectOptions.MQTT_VERSION_3_1_1);
		assertThat(options.getUserName()).isNull();
		assertThat(options.getPassword()).isNull();
	}

	@Test
	void takesCredentialsAndLimitsFromTheProperties() {
		MqttConnectOptions options = MessagingConfiguration
			.connectOptions(withCredentials("tcp://broker:1883", "miner", "s3cret"));

		assertThat(options.getUserName()).isEqualTo("miner");
		assertThat(options.getPassword()).containsExactly('s', '3', 'c', 'r', 'e', 't');
		assertThat(options.getMaxInflight()).isEqualTo(50);
		assertThat(options.getMaxReconnectDelay()).isEqualTo(30_000);
	}

	@Test
	void roundsTheConnectionTimeoutUpToWholeSecondsNeverZero() {
		assertThat(MessagingConfiguration.connectOptions(withCredentials("tcp://b:1", null, null)).getConnectionTimeout())
			.isEqualTo(2);
		MqttProperties tiny = new MqttProperties("tcp://b:1", null, null, "p", 1, DataSize.ofKilobytes(1),
				Duration.ofMillis(1), Duration.ofSeconds(1), 1);
		assertThat(MessagingConfiguration.connectOptions(tiny).getConnectionTimeout()).isEqualTo(1);
	}

	@Test
	void derivesTheClientIdFromTheMinerIdWithARandomSuffix() {
		SplittableRandom random = new SplittableRandom(42);

		String first = MessagingConfiguration.clientId("miner-7", random);
		String second = MessagingConfiguration.clientId("miner-7", random);

		assertThat(first).matches("minerfleet-miner-7-[0-9a-f]{6}");
		assertThat(second).matches("minerfleet-miner-7-[0-9a-f]{6}").isNotEqualTo(first);
	}

	@Test
	void usesPlainSocketsForTcpAndTlsSocketsForSsl() {
		assertThat(MessagingConfiguration.socketFactoryFor(TestMqtt.properties("tcp://localhost:1883", "b"))).isInstanceOf(NoDelaySocketFactory.class);
		assertThat(MessagingConfiguration.socketFactoryFor(TestMqtt.properties("ws://localhost:8080/mqtt", "b")))
			.isInstanceOf(NoDelaySocketFactory.class);
		assertThat(MessagingConfiguration.socketFactoryFor(TestMqtt.properties("ssl://localhost:8883", "b")))
			.isInstanceOf(NoDelaySslSocketFactory.class);
		assertThat(MessagingConfiguration.socketFactoryFor(TestMqtt.properties("wss://localhost:8443/mqtt", "b")))
			.isInstanceOf(NoDelaySslSocketFactory.class);
	}

	@Test
	void givesPahoASocketFactoryItAcceptsForTcpAndSsl() throws Exception {
		NetworkModule tcp = NetworkModuleService.createInstance("tcp://localhost:1883",
				MessagingConfiguration.connectOptions(TestMqtt.properties("tcp://localhost:1883", "b")), "id");
		NetworkModule ssl = NetworkModuleService.createInstance("ssl://localhost:8883",
				MessagingConfiguration.connectOptions(TestMqtt.properties("ssl://localhost:8883", "b")), "id");

		assertThat(tcp).isInstanceOf(TCPNetworkModule.class).isNotInstanceOf(SSLNetworkModule.class);
		assertThat(ssl).isInstanceOf(SSLNetworkModule.class);
	}

	@Test
	void createsUnconnectedSocketsWithNagleOff() throws Exception {
		try (Socket plain = new NoDelaySocketFactory().createSocket();
				Socket tls = new NoDelaySslSocketFactory().createSocket()) {
			assertThat(plain.getTcpNoDelay()).isTrue();
			assertThat(tls).isInstanceOf(SSLSocket.class);
			assertThat(tls.getTcpNoDelay()).isTrue();
		}
	}

	@Test
	void keepsNagleOffOnceConnected() throws Exception {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		try (ServerSocket server = new ServerSocket(0, 1, loopback);
				Socket socket = new NoDelaySocketFactory().createSocket()) {
			socket.connect(server.getLocalSocketAddress(), 1000);
			try (Socket connected = new NoDelaySocketFactory().createSocket(loopback, server.getLocalPort())) {
				assertThat(socket.getTcpNoDelay()).isTrue();
				assertThat(connected.getTcpNoDelay()).isTrue();
			}
		}
	}

}
