package dev.minerfleet.testsupport;

/**
 * A broker that {@link TestBroker} found or started. Closing it stops what the tests started and leaves alone
 * what they did not.
 */
interface RunningBroker extends AutoCloseable {

	String host();

	int port();

	/** {@code tcp://host:port}, or the URL as given in {@code MQTT_TEST_BROKER}. */
	String url();

	/** Where the broker comes from: {@code env}, {@code mosquitto}, {@code testcontainers} or {@code embedded}. */
	String source();

	/** One line for the log: what the broker is and where to find its own log, if any. */
	String description();

	/** Whether {@link #stop()} and {@link #restart()} work: only for a broker process the tests own. */
	default boolean canStopAndRestart() {
		return false;
	}

	default boolean isStopped() {
		return false;
	}

	default void stop() {
		throw cannotStopOrRestart("stop()");
	}

	default void restart() {
		throw cannotStopOrRestart("restart()");
	}

	/** Never throws a checked exception. */
	@Override
	void close();

	private UnsupportedOperationException cannotStopOrRestart(String operation) {
		return new UnsupportedOperationException(operation + " needs a Mosquitto process the tests start themselves,"
				+ " but the MQTT test broker comes from " + source() + " (" + url() + "). Install Mosquitto and unset"
				+ " MQTT_TEST_BROKER to run outage tests, or skip them with"
				+ " assumeTrue(broker.canStopAndRestart()).");
	}

}
