package dev.minerfleet.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.minerfleet.fleet.EmbeddedBroker;

/**
 * The last resort: the application's own embedded broker (Moquette, MQTT 3.1.1) on a free loopback
 * port, so that {@code ./mvnw verify} passes on a machine with only a JDK. Not a stand-in for
 * Mosquitto in CI, which forbids it.
 */
final class EmbeddedTestBroker implements RunningBroker {

	private final EmbeddedBroker broker;

	private EmbeddedTestBroker(EmbeddedBroker broker) {
		this.broker = broker;
	}

	static EmbeddedTestBroker start() {
		IOException last = null;
		for (int attempt = 0; attempt < 5; attempt++) {
			try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1,
					java.net.InetAddress.getLoopbackAddress())) {
				int port = probe.getLocalPort();
				probe.close();
				return new EmbeddedTestBroker(EmbeddedBroker.start("127.0.0.1", port));
			}
			catch (IOException ex) {
				last = ex;
			}
		}
		throw new UncheckedIOException("could not start the embedded MQTT broker", last);
	}

	@Override
	public String host() {
		return "127.0.0.1";
	}

	@Override
	public int port() {
		return broker.port();
	}

	@Override
	public String url() {
		return broker.url();
	}

	@Override
	public String source() {
		return "embedded";
	}

	@Override
	public String description() {
		return "embedded Moquette at " + url() + ". NOTICE: neither MQTT_TEST_BROKER, a mosquitto binary nor Docker"
				+ " was found, so the integration tests run against the embedded broker; install Mosquitto to test"
				+ " against the broker users run (CI sets MINERFLEET_TEST_BROKER_FORBID_EMBEDDED)";
	}

	@Override
	public void close() {
		broker.close();
	}

}
