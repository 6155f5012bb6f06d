package dev.minerfleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.minerfleet.testsupport.RawMqttClient;
import dev.minerfleet.testsupport.TestBroker;

/** A miner started before its broker waits for it: it never exits, and says DOWN until connected. */
class BrokerLateIT {

	@RegisterExtension
	static final TestBroker broker = new TestBroker();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void minerStartedBeforeItsBrokerKeepsMiningReportsDownAndConnectsWhenTheBrokerComes() throws Exception {
		assumeTrue(broker.canStopAndRestart(), "only a Mosquitto process the tests own can be stopped");
		String prefix = broker.uniqueTopicPrefix();
		broker.stop();
		try (Miner miner = Miner.start("early", broker.url(), prefix, "--chain.difficulty-bits=14",
				"--mqtt.max-reconnect-delay=1s")) {
			HttpResponse<String> down = health(miner);
			assertThat(down.statusCode()).isEqualTo(503);
			assertThat(down.body()).contains("\"mqtt\"").contains("DOWN");
			// mining does not wait for the network
			await().atMost(Duration.ofSeconds(30)).until(() -> miner.chain().snapshot().height() >= 2);

			broker.restart();
			await().atMost(Duration.ofSeconds(30)).until(() -> health(miner).statusCode() == 200);
			try (RawMqttClient client = RawMqttClient.connect(broker.url()).subscribe(prefix + "/NEWBLOCK")) {
				await().atMost(Duration.ofSeconds(30)).until(() -> !client.received(prefix + "/NEWBLOCK").isEmpty());
			}
		}
		finally {
			// the extension also restarts a broker a test left stopped; this keeps the intent visible
			if (!brokerAcceptsConnections()) {
				broker.restart();
			}
		}
	}

	private static boolean brokerAcceptsConnections() {
		try (java.net.Socket socket = new java.net.Socket(broker.host(), broker.port())) {
			return true;
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

	private HttpResponse<String> health(Miner miner) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(miner.baseUrl() + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
