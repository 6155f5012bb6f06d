package dev.minerfleet.fleet;

import java.io.IOException;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;

/**
 * An MQTT 3.1.1 broker inside this JVM (Moquette, see docs/adr/0003-embedded-broker.md), for a
 * local fleet on a machine with nothing but a JDK, and for tests when no Mosquitto is installed.
 * Anonymous, in memory, on one host and port.
 */
public final class EmbeddedBroker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

	/** Blocks of thousands of transactions are megabytes of JSON; Moquette's default is 8 KB. */
	static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

	private final Server server;

	private final String host;

	private final int port;

	private EmbeddedBroker(Server server, String host, int port) {
		this.server = server;
		this.host = host;
		this.port = port;
	}

	/**
	 * Starts a broker on {@code host:port}.
	 * @throws PortInUseException when the port is taken (checked first: a failed Moquette
	 * start-up leaves threads that keep the JVM alive)
	 */
	public static EmbeddedBroker start(String host, int port) throws IOException {
		if (!Ports.isFree(host, port)) {
			throw new PortInUseException(host, port);
		}
		Properties properties = new Properties();
		properties.setProperty(IConfig.HOST_PROPERTY_NAME, host);
		properties.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
		properties.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
		properties.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
		properties.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
		properties.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
		properties.setProperty(IConfig.SESSION_QUEUE_SIZE, "16384");
		// Mosquitto's own command-line clients connect with an empty client id
		properties.setProperty("allow_zero_byte_client_id", "true");
		// before any Spring context configured logging: Moquette logs every packet at INFO
		LoggingSystem.get(EmbeddedBroker.class.getClassLoader()).setLogLevel("io.moquette", LogLevel.WARN);
		Server server = new Server();
		try {
			server.startServer(new MemoryConfig(properties));
		}
		catch (IOException | RuntimeException ex) {
			server.stopServer();
			throw ex;
		}
		log.info("Embedded MQTT broker (Moquette {}) listening on tcp://{}:{}", Server.MOQUETTE_VERSION, host, port);
		return new EmbeddedBroker(server, host, port);
	}

	public String url() {
		return "tcp://" + host + ":" + port;
	}

	public int port() {
		return port;
	}

	@Override
	public void close() {
		server.stopServer();
	}

	/** The port a broker was asked to listen on is taken. */
	public static final class PortInUseException extends IOException {

		public PortInUseException(String host, int port) {
			super("port " + port + " on " + host + " is already in use");
		}

	}

}
