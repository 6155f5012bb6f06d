package dev.minerfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import javax.net.ssl.SSLHandshakeException;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.Test;

import dev.minerfleet.messaging.ConnectFailure.Kind;

/** How Paho's connection failures read in the log and on the health endpoint. */
class ConnectFailureTests {

	@Test
	void callsReturnCodes4And5RefusedCredentials() {
		ConnectFailure notAuthorized = ConnectFailure.of(new MqttSecurityException(MqttException.REASON_CODE_NOT_AUTHORIZED));
		ConnectFailure badPassword = ConnectFailure
			.of(new MqttSecurityException(MqttException.REASON_CODE_FAILED_AUTHENTICATION));

		assertThat(notAuthorized).isEqualTo(new ConnectFailure(Kind.CREDENTIALS_REFUSED, "not authorized"));
		assertThat(badPassword).isEqualTo(new ConnectFailure(Kind.CREDENTIALS_REFUSED, "bad user name or password"));
		assertThat(notAuthorized.describe())
			.isEqualTo("broker refused the credentials (not authorized): check mqtt.username and mqtt.password");
	}

	@Test
	void callsAnUntrustedCertificateAFailedTlsHandshakeAndPointsAtTheTrustStore() {
		MqttException failure = new MqttException(new SSLHandshakeException(
				"PKIX path building failed: unable to find valid certification path to requested target"));

		ConnectFailure tls = ConnectFailure.of(failure);

		assertThat(tls.kind()).isEqualTo(Kind.TLS_HANDSHAKE_FAILED);
		assertThat(tls.describe()).startsWith("not reachable: TLS handshake failed: PKIX path building failed")
			.endsWith("(the broker's certificate is not signed by a CA of mqtt.tls.trust-store, or of the JVM's"
					+ " trust store when that is unset)");
	}

	@Test
	void callsAnythingElseUnreachableInTheJvmsOwnWords() {
		ConnectFailure refused = ConnectFailure.of(new MqttException(new ConnectException("Connection refused")));

		assertThat(refused).isEqualTo(new ConnectFailure(Kind.UNREACHABLE, "Connection refused"));
		assertThat(refused.describe()).isEqualTo("not reachable: Connection refused");
	}

}
