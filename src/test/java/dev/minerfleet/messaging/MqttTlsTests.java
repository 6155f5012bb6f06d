package dev.minerfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.util.unit.DataSize;

import dev.minerfleet.messaging.MqttProperties.Tls;
import dev.minerfleet.testsupport.TestCertificates;

/** mqtt.tls.* read from files made by the openssl command (skipped without it). */
class MqttTlsTests {

	@TempDir
	static Path directory;

	private static TestCertificates certificates;

	@BeforeAll
	static void createCertificates() {
		assumeTrue(TestCertificates.opensslAvailable(), "needs the openssl command");
		certificates = TestCertificates.create(directory);
	}

	@Test
	void trustsEveryCertificateOfAPemFile() throws Exception {
		Path bundle = directory.resolve("bundle.crt");
		Files.writeString(bundle,
				Files.readString(certificates.caCertificate()) + Files.readString(certificates.serverCertificate()));

		KeyStore store = MqttTls.trustStore(bundle, null);

		assertThat(store.size()).isEqualTo(2);
		assertThat(store.isCertificateEntry("ca-0")).isTrue();
	}

	@Test
	void opensAPkcs12StoreWithItsPasswordAndSaysWhenThePasswordIsWrong() throws Exception {
		Path pkcs12 = certificates.clientPkcs12("st0re-pass");

		assertThat(MqttTls.trustStore(pkcs12, "st0re-pass").size()).isEqualTo(1);
		assertThatExceptionOfType(InvalidTlsSettingsException.class)
			.isThrownBy(() -> MqttTls.trustStore(pkcs12, "wrong"))
			.withMessage("mqtt.tls.trust-store-password does not open " + pkcs12 + " (mqtt.tls.trust-store)")
			.withMessageNotContaining("st0re-pass")
			.satisfies((ex) -> assertThat(ex.action()).contains("MQTT_TLS_TRUST_STORE_PASSWORD"));
	}

	@Test
	void namesAMissingFileAndTheVariableThatSetsIt() {
		Path missing = directory.resolve("missing.crt");

		assertThatExceptionOfType(InvalidTlsSettingsException.class).isThrownBy(() -> MqttTls.trustStore(missing, null))
			.withMessage("mqtt.tls.trust-store " + missing.toAbsolutePath() + " does not exist")
			.satisfies((ex) -> assertThat(ex.action()).contains("MQTT_TLS_TRUST_STORE"));
		assertThatExceptionOfType(InvalidTlsSettingsException.class).isThrownBy(() -> MqttTls.keyStore(missing, null))
			.withMessageStartingWith("mqtt.tls.key-store ");
	}

	@Test
	void refusesAFileThatIsNeitherPemNorAKeyStore() throws Exception {
		Path text = Files.writeString(directory.resolve("notes.txt"), "not a certificate");

		assertThatExceptionOfType(InvalidTlsSettingsException.class).isThrownBy(() -> MqttTls.trustStore(text, null))
			.withMessageContaining("is neither PEM nor a PKCS12 or JKS key store");
	}

	@Test
	void readsAClientCertificateAndItsKeyFromOnePemFileOrAPkcs12Store() throws Exception {
		KeyStore pem = MqttTls.keyStore(certificates.clientPem(), null);
		KeyStore pkcs12 = MqttTls.keyStore(certificates.clientPkcs12("k3y"), "k3y");

		assertThat(pem.isKeyEntry("client")).isTrue();
		assertThat(pkcs12.isKeyEntry("client")).isTrue();
		assertThat(pem.getCertificate("client")).isEqualTo(pkcs12.getCertificate("client"));
	}

	@Test
	void refusesAPemKeyStoreWithoutAPrivateKey() {
		assertThatExceptionOfType(InvalidTlsSettingsException.class)
			.isThrownBy(() -> MqttTls.keyStore(certificates.caCertificate(), null))
			.withMessageContaining("holds no private key");
	}

	@Test
	void makesTlsSocketsWithNagleOffFromTheConfiguredStores() throws Exception {
		Tls tls = new Tls(certificates.caCertificate(), null, certificates.clientPem(), null, true);

		try (Socket socket = MqttTls.socketFactory(tls).createSocket()) {
			assertThat(MqttTls.socketFactory(tls)).isInstanceOf(NoDelaySslSocketFactory.class);
			assertThat(socket).isInstanceOf(SSLSocket.class);
			assertThat(socket.getTcpNoDelay()).isTrue();
		}
	}

	@Test
	void verifiesTheBrokersHostNameUnlessTurnedOff() {
		Tls off = new Tls(certificates.caCertificate(), null, null, null, false);

		MqttConnectOptions byDefault = MessagingConfiguration.connectOptions(TestMqtt.properties("ssl://b:8883", "p"));
		MqttConnectOptions turnedOff = MessagingConfiguration.connectOptions(new MqttProperties("ssl://b:8883", null,
				null, "p", 1, 0, DataSize.ofMegabytes(4), Duration.ofSeconds(5), Duration.ofSeconds(5), 1000, off));

		assertThat(byDefault.isHttpsHostnameVerificationEnabled()).isTrue();
		assertThat(turnedOff.isHttpsHostnameVerificationEnabled()).isFalse();
	}

	@Test
	void failsStartUpWithTheSettingTheFileAndWhatToDoInsteadOfAStackTrace() {
		Tls missing = new Tls(directory.resolve("nowhere.crt"), null, null, null, true);
		MqttProperties mqtt = new MqttProperties("ssl://b:8883", null, null, "p", 1, 0, DataSize.ofMegabytes(4),
				Duration.ofSeconds(5), Duration.ofSeconds(5), 1000, missing);
		InvalidTlsSettingsException failure = org.junit.jupiter.api.Assertions
			.assertThrows(InvalidTlsSettingsException.class, () -> MessagingConfiguration.connectOptions(mqtt));

		FailureAnalysis analysis = new InvalidTlsSettingsFailureAnalyzer()
			.analyze(new BeanCreationException("mqttClientManager", "Factory method threw", failure));

		assertThat(analysis.getDescription()).isEqualTo("The MQTT connection's TLS settings cannot be used: "
				+ "mqtt.tls.trust-store " + directory.resolve("nowhere.crt").toAbsolutePath() + " does not exist");
		assertThat(analysis.getAction()).isEqualTo("Create the file, or correct mqtt.tls.trust-store (MQTT_TLS_TRUST_STORE).");
	}

}
