package dev.minerfleet.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A Mosquitto process on a free loopback port, with its configuration and logs in a directory of its own under
 * {@code target/} (or the system temporary directory outside a Maven build). It can be stopped and restarted on the
 * same port to simulate a broker outage.
 */
final class MosquittoProcess implements RunningBroker {

	static final String HOST = "127.0.0.1";

	/** Debian and Homebrew put the binary in an sbin directory that is often not on a user's PATH. */
	private static final List<Path> USUAL_LOCATIONS = List.of(Path.of("/usr/sbin/mosquitto"),
			Path.of("/usr/local/sbin/mosquitto"), Path.of("/opt/homebrew/sbin/mosquitto"));

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

	/** Free ports tried before giving up when another process takes the chosen port first. */
	private static final int PORT_ATTEMPTS = 5;

	private static final String ADDRESS_IN_USE = "Address already in use";

	/** MQTT 3.1.1 CONNECT, clean session, keep-alive 60 s, empty client id. */
	private static final byte[] CONNECT = { 0x10, 12, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 0 };

	private static final byte[] DISCONNECT = { (byte) 0xE0, 0 };

	private final Path binary;

	private final Path directory;

	private final int port;

	/** A second listener's port, for a TLS listener; 0 when there is none. */
	private final int tlsPort;

	private final Configuration configuration;

	private final Thread shutdownHook = new Thread(this::stop, "mosquitto-test-broker-shutdown");

	private @Nullable Process process;

	private MosquittoProcess(Path binary, Path directory, int port, int tlsPort, Configuration configuration) {
		this.binary = binary;
		this.directory = directory;
		this.port = port;
		this.tlsPort = tlsPort;
		this.configuration = configuration;
	}

	/**
	 * A mosquitto.conf for the given ports and log file. The broker must answer MQTT on {@code port} (with any
	 * CONNACK: a broker that refuses anonymous clients is ready too).
	 */
	@FunctionalInterface
	interface Configuration {

		String write(int port, int tlsPort, Path logFile);

	}

	/** The shared test broker's settings: one loopback listener, anonymous clients welcome. */
	static final Configuration ANONYMOUS = (port, tlsPort, logFile) -> String.join("\n", "listener " + port + " " + HOST,
			"allow_anonymous true", "max_queued_messages 100000", "max_inflight_messages 0", "persistence false",
			"set_tcp_nodelay true", "log_dest file " + logFile, "log_timestamp_format %Y-%m-%dT%H:%M:%S",
			"user " + System.getProperty("user.name"), "");

	static Optional<Path> findBinary() {
		String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
		return Stream
			.concat(Stream.of(path.split(File.pathSeparator)).filter((entry) -> !entry.isBlank())
				.map((entry) -> Path.of(entry, "mosquitto")), USUAL_LOCATIONS.stream())
			.filter(Files::isExecutable)
			.findFirst();
	}

	/**
	 * Starts Mosquitto on a free loopback port, trying another port when some other process takes the chosen one
	 * between choosing and binding it.
	 */
	static MosquittoProcess start(Path binary) {
		return start(binary, createDirectory(), ANONYMOUS, false);
	}

	/**
	 * Starts Mosquitto with the given configuration in the given directory, with a second free port for a TLS
	 * listener when asked.
	 */
	static MosquittoProcess start(Path binary, Path directory, Configuration configuration, boolean tlsListener) {
		IllegalStateException failure = null;
		for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
			MosquittoProcess mosquitto = new MosquittoProcess(binary, directory, freeLoopbackPort(),
					tlsListener ? freeLoopbackPort() : 0, configuration);
			try {
				mosquitto.writeConfiguration();
				mosquitto.launch();
				Runtime.getRuntime().addShutdownHook(mosquitto.shutdownHook);
				return mosquitto;
			}
			catch (PortTaken ex) {
				failure = ex;
			}
		}
		throw new IllegalStateException("Mosquitto found no free port in " + PORT_ATTEMPTS + " attempts", failure);
	}

	@Override
	public String host() {
		return HOST;
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public String url() {
		return "tcp://" + HOST + ":" + this.port;
	}

	/** The TLS listener's port; 0 without one. */
	int tlsPort() {
		return this.tlsPort;
	}

	Path logFile() {
		return this.directory.resolve("mosquitto-" + this.port + ".log");
	}

	@Override
	public String source() {
		return "mosquitto";
	}

	@Override
	public String description() {
		return "mosquitto " + this.binary + " at " + url() + ", log " + logFile().toAbsolutePath();
	}

	@Override
	public boolean canStopAndRestart() {
		return true;
	}

	@Override
	public synchronized boolean isStopped() {
		return this.process == null;
	}

	/** Stops the process (SIGTERM, then SIGKILL after a timeout); the port then refuses connections. */
	@Override
	public synchronized void stop() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		this.process = null;
		terminate(running);
	}

	/**
	 * Starts the process again on the same port, after stopping it if it runs. Retries for a few seconds when the
	 * port is still held by someone else.
	 */
	@Override
	public synchronized void restart() {
		stop();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (true) {
			try {
				launch();
				return;
			}
			catch (PortTaken ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				LockSupport.parkNanos(POLL_INTERVAL.toNanos());
			}
		}
	}

	@Override
	public void close() {
		stop();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down: the hook runs stop(), which is now a no-op
		}
	}

	private synchronized void launch() {
		Process started;
		try {
			started = new ProcessBuilder(this.binary.toString(), "-c", configFile().toString())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile().toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + this.binary + ": " + ex.getMessage(), ex);
		}
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!answersMqtt(HOST, this.port) || !started.isAlive()) {
			if (!started.isAlive()) {
				String logs = logs();
				String message = "Mosquitto exited with code " + started.exitValue() + " before accepting connections on "
						+ url() + "\n" + logs;
				throw logs.contains(ADDRESS_IN_USE) ? new PortTaken(message) : new IllegalStateException(message);
			}
			if (System.nanoTime() > deadline) {
				terminate(started);
				throw new IllegalStateException("Mosquitto did not accept connections on " + url() + " within "
						+ START_TIMEOUT.toSeconds() + " s\n" + logs());
			}
			LockSupport.parkNanos(POLL_INTERVAL.toNanos());
		}
		this.process = started;
	}

	// In ANONYMOUS: max_queued_messages: the default of 1000 silently drops messages, QoS 1 too, for a slow
	// subscriber. user: as root, Mosquitto would otherwise switch to the user "mosquitto", which may not exist or may
	// not write to this directory; as any other user the option is ignored.
	private void writeConfiguration() {
		try {
			Files.writeString(configFile(), this.configuration.write(this.port, this.tlsPort, logFile()),
					StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path configFile() {
		return this.directory.resolve("mosquitto-" + this.port + ".conf");
	}

	/** What the process writes outside its log: warnings before the configuration is read, crashes. */
	private Path outputFile() {
		return this.directory.resolve("mosquitto-" + this.port + ".out");
	}

	private String logs() {
		return tail(logFile()) + tail(outputFile());
	}

	private static String tail(Path file) {
		if (!Files.exists(file)) {
			return "";
		}
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			List<String> last = lines.subList(Math.max(0, lines.size() - 40), lines.size());
			return "--- " + file + "\n" + String.join("\n", last) + "\n";
		}
		catch (IOException ex) {
			return "--- " + file + ": " + ex.getMessage() + "\n";
		}
	}

	private static void terminate(Process running) {
		running.destroy();
		try {
			if (!running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				running.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			running.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Whether an MQTT broker answers a CONNECT there, accepting or refusing the anonymous client. A mere TCP
	 * connection is no proof: when another process listens on the port, it accepts connections for the few
	 * milliseconds Mosquitto takes to fail.
	 */
	private static boolean answersMqtt(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 250);
			socket.setSoTimeout(250);
			socket.getOutputStream().write(CONNECT);
			byte[] connack = socket.getInputStream().readNBytes(4);
			socket.getOutputStream().write(DISCONNECT);
			return connack.length == 4 && connack[0] == 0x20;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static boolean acceptsConnections(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 250);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freeLoopbackPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free loopback port", ex);
		}
	}

	static Path createDirectory() {
		try {
			Path target = Path.of("target");
			return Files.isDirectory(target) ? Files.createTempDirectory(target, "mosquitto-")
					: Files.createTempDirectory("minerfleet-mosquitto-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Mosquitto could not bind its port: another process has it. */
	private static final class PortTaken extends IllegalStateException {

		PortTaken(String message) {
			super(message);
		}

	}

}
