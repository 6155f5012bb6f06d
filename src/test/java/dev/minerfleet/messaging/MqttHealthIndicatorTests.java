package dev.minerfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.integration.mqtt.core.ClientManager;

class MqttHealthIndicatorTests {

	private final ClientManager<?, ?> clientManager = mock(ClientManager.class);

	private final MqttHealthIndicator indicator = new MqttHealthIndicator(clientManager);

	MqttHealthIndicatorTests() {
		when(clientManager.getUrl()).thenReturn("tcp://broker:1883");
		when(clientManager.getClientId()).thenReturn("minerfleet-miner-1-00c0de");
	}

	@Test
	void isUpWithTheBrokerWhileConnected() {
		when(clientManager.isConnected()).thenReturn(true);

		Health health = indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("broker", "tcp://broker:1883")
			.containsEntry("clientId", "minerfleet-miner-1-00c0de");
	}

	@Test
	void isDownWhileNotConnected() {
		Health health = indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("broker", "tcp://broker:1883").doesNotContainKey("error");
	}

	@Test
	void saysWhyTheLastConnectionAttemptFailedWhileDown() {
		MqttHealthIndicator refused = new MqttHealthIndicator(clientManager,
				() -> Optional.of(new ConnectFailure(ConnectFailure.Kind.CREDENTIALS_REFUSED, "not authorized")));

		Health health = refused.health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error",
				"broker refused the credentials (not authorized): check mqtt.username and mqtt.password");
	}

}
