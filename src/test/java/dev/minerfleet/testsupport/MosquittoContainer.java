package dev.minerfleet.testsupport;

import java.time.Duration;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/** Mosquitto in a Docker container, for machines with Docker but without a Mosquitto binary. */
final class MosquittoContainer implements RunningBroker {

	private static final DockerImageName IMAGE = DockerImageName.parse("eclipse-mosquitto:2.0");

	private static final int MQTT_PORT = 1883;

	/**
	 * Same settings as {@link MosquittoProcess}, listening on all interfaces of the container; stderr because
	 * Mosquitto buffers its log on a stdout that is not a terminal.
	 */
	private static final String CONFIGURATION = String.join("\n", "listener " + MQTT_PORT, "allow_anonymous true",
			"max_queued_messages 100000", "max_inflight_messages 0", "persistence false", "set_tcp_nodelay true",
			"log_dest stderr", "");

	private final GenericContainer<?> container;

	private MosquittoContainer(GenericContainer<?> container) {
		this.container = container;
	}

	static boolean dockerAvailable() {
		return DockerClientFactory.instance().isDockerAvailable();
	}

	static MosquittoContainer start() {
		GenericContainer<?> container = new GenericContainer<>(IMAGE).withExposedPorts(MQTT_PORT)
			.withCopyToContainer(Transferable.of(CONFIGURATION), "/mosquitto/config/mosquitto.conf")
			.waitingFor(Wait.forListeningPort())
			.withStartupTimeout(Duration.ofSeconds(60));
		container.start();
		return new MosquittoContainer(container);
	}

	@Override
	public String host() {
		return this.container.getHost();
	}

	@Override
	public int port() {
		return this.container.getMappedPort(MQTT_PORT);
	}

	@Override
	public String url() {
		return "tcp://" + host() + ":" + port();
	}

	@Override
	public String source() {
		return "testcontainers";
	}

	@Override
	public String description() {
		return "testcontainers " + IMAGE + " at " + url();
	}

	@Override
	public void close() {
		this.container.stop();
	}

}
