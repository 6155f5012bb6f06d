package dev.minerfleet.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The order in which {@link TestBroker} looks for a broker, played on machines of every kind. */
class TestBrokerTests {

	private static final Supplier<Optional<Path>> NO_MOSQUITTO = Optional::empty;

	private static final BooleanSupplier NO_DOCKER = () -> false;

	private static final Supplier<Optional<RunningBroker>> NO_EMBEDDED = Optional::empty;

	@Test
	void mqttTestBrokerSetToEmbeddedAsksForTheEmbeddedBrokerFirst() {
		RunningBroker embedded = new FakeBroker();
		RunningBroker broker = TestBroker.startFirstAvailable(environment(Map.of("MQTT_TEST_BROKER", "embedded")),
				unexpected("mosquitto"), () -> {
					throw new AssertionError("looked for Docker");
				}, () -> Optional.of(embedded));
		assertThat(broker).isSameAs(embedded);
	}

	@Test
	void embeddedOnRequestIsRefusedWhereCiForbidsIt() {
		assertThatIllegalStateException()
			.isThrownBy(() -> TestBroker.startFirstAvailable(
					environment(Map.of("MQTT_TEST_BROKER", "embedded", "MINERFLEET_TEST_BROKER_FORBID_EMBEDDED", "1")),
					NO_MOSQUITTO, NO_DOCKER, unexpected("an embedded broker")))
			.withMessageContaining("forbids");
	}

	@Test
	void prefersTheUrlInMqttTestBrokerToEveryOtherSource() throws IOException {
		try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			String url = "tcp://127.0.0.1:" + listening.getLocalPort();

			RunningBroker broker = TestBroker.startFirstAvailable(environment(Map.of("MQTT_TEST_BROKER", url)),
					unexpected("mosquitto"), () -> {
						throw new AssertionError("looked for Docker");
					}, unexpected("an embedded broker"));

			assertThat(broker.source()).isEqualTo("env");
			assertThat(broker.url()).isEqualTo(url);
			assertThat(broker.host()).isEqualTo("127.0.0.1");
			assertThat(broker.port()).isEqualTo(listening.getLocalPort());
			assertThat(broker.canStopAndRestart()).isFalse();
			assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(broker::stop)
				.withMessageContaining("env");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1:18830", "mqtt://127.0.0.1:18830", "tcp://127.0.0.1", "tcp:// bad:18830" })
	void rejectsAnMqttTestBrokerThatIsNotATcpUrlWithHostAndPort(String value) {
		assertThatIllegalStateException()
			.isThrownBy(() -> TestBroker.startFirstAvailable(environment(Map.of("MQTT_TEST_BROKER", value)),
					NO_MOSQUITTO, NO_DOCKER, NO_EMBEDDED))
			.withMessageContaining("MQTT_TEST_BROKER must look like tcp://");
	}

	@Test
	void reportsAnMqttTestBrokerThatDoesNotAcceptConnections() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			closedPort = socket.getLocalPort();
		}
		String url = "tcp://127.0.0.1:" + closedPort;

		assertThatIllegalStateException()
			.isThrownBy(() -> TestBroker.startFirstAvailable(environment(Map.of("MQTT_TEST_BROKER", url)),
					NO_MOSQUITTO, NO_DOCKER, NO_EMBEDDED))
			.withMessage("MQTT_TEST_BROKER=" + url + " does not accept connections: start that broker, or unset"
					+ " MQTT_TEST_BROKER to let the tests start Mosquitto themselves");
	}

	@Test
	void fallsBackToTheEmbeddedBrokerWithoutMosquittoOrDockerAndIgnoresABlankMqttTestBroker() {
		RunningBroker embedded = new FakeBroker();

		RunningBroker broker = TestBroker.startFirstAvailable(environment(Map.of("MQTT_TEST_BROKER", " ")),
				NO_MOSQUITTO, NO_DOCKER, () -> Optional.of(embedded));

		assertThat(broker).isSameAs(embedded);
	}

	@Test
	void explainsWhereToGetABrokerWhenThereIsNone() {
		assertThatIllegalStateException()
			.isThrownBy(() -> TestBroker.startFirstAvailable(environment(Map.of()), NO_MOSQUITTO, NO_DOCKER,
					NO_EMBEDDED))
			.withMessage("No MQTT broker for integration tests: set MQTT_TEST_BROKER=tcp://host:port, or install"
					+ " Mosquitto (Debian/Ubuntu: sudo apt-get install mosquitto; macOS: brew install mosquitto),"
					+ " or start Docker.");
	}

	@Test
	void neverStartsTheEmbeddedBrokerWhenForbidden() {
		assertThatIllegalStateException()
			.isThrownBy(() -> TestBroker.startFirstAvailable(
					environment(Map.of("MINERFLEET_TEST_BROKER_FORBID_EMBEDDED", "true")), NO_MOSQUITTO, NO_DOCKER,
					unexpected("an embedded broker")))
			.withMessage(TestBroker.NO_BROKER_MESSAGE);
	}

	@Test
	void givesEveryTestItsOwnTopicPrefix() {
		TestBroker broker = new TestBroker();

		Set<String> prefixes = IntStream.range(0, 10_000)
			.mapToObj((i) -> broker.uniqueTopicPrefix())
			.collect(Collectors.toSet());

		assertThat(prefixes).hasSize(10_000).allMatch((prefix) -> prefix.matches("it-[0-9a-f]{12}/blockchain"));
	}

	private static UnaryOperator<@Nullable String> environment(Map<String, String> variables) {
		return variables::get;
	}

	private static <T> Supplier<T> unexpected(String what) {
		return () -> {
			throw new AssertionError("looked for " + what);
		};
	}

	private record FakeBroker() implements RunningBroker {

		@Override
		public String host() {
			return "127.0.0.1";
		}

		@Override
		public int port() {
			return 18830;
		}

		@Override
		public String url() {
			return "tcp://127.0.0.1:18830";
		}

		@Override
		public String source() {
			return "embedded";
		}

		@Override
		public String description() {
			return "a fake embedded broker";
		}

		@Override
		public void close() {
		}

	}

}
