package dev.minerfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.integration.mqtt.core.ClientManager;

@ExtendWith(OutputCaptureExtension.class)
class MqttConnectionWatchTests {

	private final ClientManager<?, ?> clientManager = mock(ClientManager.class);

	private final MqttConnectionWatch watch = new MqttConnectionWatch(clientManager, Duration.ofMillis(10),
			Duration.ofMillis(50));

	MqttConnectionWatchTests() {
		when(clientManager.getUrl()).thenReturn("tcp://broker:1883");
		when(clientManager.getClientId()).thenReturn("minerfleet-miner-1-00c0de");
	}

	@Test
	void warnsWhileTheClientRunsButIsNotConnected(CapturedOutput output) {
		when(clientManager.isRunning()).thenReturn(true);

		assertThat(watch.warnIfDisconnected()).isTrue();
		assertThat(output.getAll()).contains("MQTT broker tcp://broker:1883 not reachable, retrying");
	}

	@Test
	void saysWhenTheBrokerRefusedTheCredentials(CapturedOutput output) {
		when(clientManager.isRunning()).thenReturn(true);
		MqttConnectionWatch refused = new MqttConnectionWatch(clientManager, Duration.ofMillis(10),
				Duration.ofMillis(50),
				() -> Optional.of(new ConnectFailure(ConnectFailure.Kind.CREDENTIALS_REFUSED, "not authorized")));

		assertThat(refused.warnIfDisconnected()).isTrue();
		assertThat(output.getAll()).contains("MQTT broker tcp://broker:1883 refused the credentials (not authorized):"
				+ " check mqtt.username and mqtt.password, retrying")
			.doesNotContain("not reachable");
	}

	@Test
	void staysQuietWhileConnected() {
		when(clientManager.isRunning()).thenReturn(true);
		when(clientManager.isConnected()).thenReturn(true);

		assertThat(watch.warnIfDisconnected()).isFalse();
	}

	@Test
	void staysQuietOnceTheClientIsStopped() {
		assertThat(watch.warnIfDisconnected()).isFalse();
	}

	@Test
	void logsEveryConnection(CapturedOutput output) {
		watch.connectComplete(false);
		watch.connectComplete(true);

		assertThat(output.getAll())
			.contains("Connected to MQTT broker tcp://broker:1883 as minerfleet-miner-1-00c0de")
			.contains("Reconnected to MQTT broker tcp://broker:1883 as minerfleet-miner-1-00c0de");
	}

	@Test
	void warnsRepeatedlyWhileRunningAndStopsItsThreadOnStop(CapturedOutput output) {
		when(clientManager.isRunning()).thenReturn(true);

		watch.start();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> output.getAll().split("not reachable, retrying", -1).length > 3);
		watch.stop();

		assertThat(watch.isRunning()).isFalse();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("mqtt-watch")));
	}

}
