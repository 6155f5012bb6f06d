package dev.minerfleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.minerfleet.testsupport.RawMqttClient;
import dev.minerfleet.testsupport.SecuredMosquitto;
import dev.minerfleet.testsupport.TestCertificates;
import tools.jackson.databind.JsonNode;

/**
 * Miners against a Mosquitto of this class's own that refuses anonymous clients, accepts one user from a password
 * file, and also listens with TLS behind a certificate of a throw-away CA. Needs the mosquitto, mosquitto_passwd and
 * openssl commands (CI installs mosquitto; openssl comes with the system), skipped without them.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccessIT {

	private static final String USERNAME = "miner";

	private static final String PASSWORD = "c0rrect-h0rse";

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** Short, so that the first warning about a failing connection comes after 2 s. */
	private static final String CONNECTION_TIMEOUT = "--mqtt.connection-timeout=1s";

	private static final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	static Path directory;

	private static TestCertificates certificates;

	private static SecuredMosquitto broker;

	@BeforeAll
	static void startBroker() {
		assumeTrue(SecuredMosquitto.missingTools().isEmpty(), SecuredMosquitto.missingTools().orElse(""));
		assumeTrue(TestCertificates.opensslAvailable(), "needs the openssl command");
		certificates = TestCertificates.create(directory);
		broker = SecuredMosquitto.start(directory, USERNAME, PASSWORD, certificates);
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void refusesAnonymousClients() {
		assertThatThrownBy(() -> RawMqttClient.connect(broker.url()).close()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("Could not connect");
	}

	@Test
	void minerWithTheRightCredentialsConnectsAndItsBlocksReachOtherClients() throws Exception {
		String prefix = uniquePrefix();
		try (RawMqttClient watcher = RawMqttClient.connect(broker.url(), USERNAME, PASSWORD);
				Miner miner = Miner.start("access-ok", broker.url(), prefix, "--mqtt.username=" + USERNAME,
						"--mqtt.password=" + PASSWORD)) {
			watcher.subscribe(prefix + "/NEWBLOCK");

			await().atMost(WAIT).untilAsserted(() -> assertThat(mqttHealth(miner).path("status").asString()).isEqualTo("UP"));
			await().atMost(WAIT).until(() -> !watcher.messages(prefix + "/NEWBLOCK").isEmpty());
			assertThat(watcher.messages(prefix + "/NEWBLOCK").get(0).payloadAsString()).contains("access-ok");
		}
	}

	@Test
	void minerWithAWrongPasswordSaysTheBrokerRefusedItsCredentialsAndKeepsMining(CapturedOutput output)
			throws Exception {
		try (Miner miner = Miner.start("access-refused", broker.url(), uniquePrefix(), "--mqtt.username=" + USERNAME,
				"--mqtt.password=wrong-" + PASSWORD, CONNECTION_TIMEOUT)) {
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(mqttHealth(miner).path("details").path("error").asString())
					.contains("broker refused the credentials"));
			assertThat(mqttHealth(miner).path("status").asString()).isEqualTo("DOWN");
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(output.getOut()).contains("MQTT broker " + broker.url()
						+ " refused the credentials (not authorized): check mqtt.username and mqtt.password, retrying"));
			long height = miner.chain().snapshot().height();
			await().atMost(WAIT).until(() -> miner.chain().snapshot().height() > height);
			assertThat(output.getOut()).doesNotContain("wrong-" + PASSWORD);
		}
	}

	@Test
	void minerTrustingTheBrokersCaConnectsWithTlsAndExchangesMessages() throws Exception {
		String prefix = uniquePrefix();
		try (RawMqttClient watcher = RawMqttClient.connect(broker.url(), USERNAME, PASSWORD);
				Miner miner = Miner.start("access-tls", broker.tlsUrl(), prefix, "--mqtt.username=" + USERNAME,
						"--mqtt.password=" + PASSWORD, "--mqtt.tls.trust-store=" + certificates.caCertificate())) {
			watcher.subscribe(prefix + "/NEWBLOCK");

			await().atMost(WAIT).untilAsserted(() -> assertThat(mqttHealth(miner).path("status").asString()).isEqualTo("UP"));
			assertThat(mqttHealth(miner).path("details").path("broker").asString()).startsWith("ssl://localhost:");
			await().atMost(WAIT).until(() -> !watcher.messages(prefix + "/NEWBLOCK").isEmpty());
			miner.awaitListening(watcher, prefix);
			assertThat(broker.log()).contains("New client connected").contains("u'" + USERNAME + "'");
		}
	}

	@Test
	void minerWithoutTheBrokersCaFailsTheTlsHandshakeAndSaysSo(CapturedOutput output) throws Exception {
		try (Miner miner = Miner.start("access-untrusted", broker.tlsUrl(), uniquePrefix(),
				"--mqtt.username=" + USERNAME, "--mqtt.password=" + PASSWORD, CONNECTION_TIMEOUT)) {
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(mqttHealth(miner).path("details").path("error").asString())
					.contains("TLS handshake failed")
					.contains("not signed by a CA of mqtt.tls.trust-store"));
			assertThat(mqttHealth(miner).path("status").asString()).isEqualTo("DOWN");
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(output.getOut()).contains(
						"MQTT broker " + broker.tlsUrl() + " not reachable: TLS handshake failed: "));
		}
	}

	@Test
	void minerWithAMissingTrustStoreFailsToStartWithAReadableReport(CapturedOutput output) {
		Path missing = directory.resolve("no-such-ca.crt");

		assertThatThrownBy(() -> Miner.start("access-no-ca", broker.tlsUrl(), uniquePrefix(),
				"--mqtt.tls.trust-store=" + missing).close())
			.hasRootCauseMessage("mqtt.tls.trust-store " + missing.toAbsolutePath() + " does not exist");
		assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
			.contains("The MQTT connection's TLS settings cannot be used: mqtt.tls.trust-store " + missing.toAbsolutePath()
					+ " does not exist")
			.contains("Create the file, or correct mqtt.tls.trust-store (MQTT_TLS_TRUST_STORE).");
	}

	private static String uniquePrefix() {
		return "access-" + UUID.randomUUID().toString().substring(0, 8) + "/blockchain";
	}

	private static JsonNode mqttHealth(Miner miner) throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(miner.baseUrl() + "/actuator/health")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		return BlockJson.JSON.readTree(response.body()).path("components").path("mqtt");
	}

}
