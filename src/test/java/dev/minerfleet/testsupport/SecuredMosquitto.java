package dev.minerfleet.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A Mosquitto process of one test's own, for access control tests: no anonymous clients, one user in a password file
 * made with {@code mosquitto_passwd}, and optionally a TLS listener next to the plain one. Unlike {@link TestBroker},
 * it is not shared; close it at the end of the test.
 *
 * <pre class="code">
 * assumeTrue(SecuredMosquitto.missingTools().isEmpty(), ...);
 * try (SecuredMosquitto broker = SecuredMosquitto.start(directory, "miner", "s3cret", certificates)) {
 *     // broker.url(): tcp://127.0.0.1:PORT, broker.tlsUrl(): ssl://localhost:PORT
 * }
 * </pre>
 */
public final class SecuredMosquitto implements AutoCloseable {

	private static final List<Path> USUAL_LOCATIONS = List.of(Path.of("/usr/bin"), Path.of("/usr/local/bin"),
			Path.of("/opt/homebrew/bin"));

	private final MosquittoProcess process;

	private SecuredMosquitto(MosquittoProcess process) {
		this.process = process;
	}

	/** What this machine lacks to run one: empty, or the missing commands and how to get them. */
	public static Optional<String> missingTools() {
		if (MosquittoProcess.findBinary().isEmpty() || findPasswd().isEmpty()) {
			return Optional.of("needs the mosquitto and mosquitto_passwd commands (Debian: apt-get install mosquitto)");
		}
		return Optional.empty();
	}

	/**
	 * Starts Mosquitto refusing anonymous clients and accepting {@code username} with {@code password}, on a plain
	 * loopback listener and, with {@code certificates}, a TLS listener using the server certificate.
	 */
	public static SecuredMosquitto start(Path directory, String username, String password,
			@Nullable TestCertificates certificates) {
		Path passwordFile = directory.resolve("passwd");
		createPasswordFile(passwordFile, username, password);
		return startWith(directory, (port, tlsPort, logFile) -> {
			StringBuilder configuration = new StringBuilder();
			configuration.append("per_listener_settings false\n");
			configuration.append("listener ").append(port).append(' ').append(MosquittoProcess.HOST).append('\n');
			if (certificates != null) {
				configuration.append("listener ").append(tlsPort).append(' ').append(MosquittoProcess.HOST).append('\n');
				configuration.append("cafile ").append(certificates.caCertificate()).append('\n');
				configuration.append("certfile ").append(certificates.serverCertificate()).append('\n');
				configuration.append("keyfile ").append(certificates.serverKey()).append('\n');
			}
			configuration.append(String.join("\n", "allow_anonymous false", "password_file " + passwordFile,
					"persistence false", "set_tcp_nodelay true", "log_dest file " + logFile, "log_type all",
					"connection_messages true", "log_timestamp_format %Y-%m-%dT%H:%M:%S",
					"user " + System.getProperty("user.name"), ""));
			return configuration.toString();
		}, certificates != null);
	}

	/**
	 * Starts Mosquitto with a configuration of the caller's, given the free loopback port it must listen on: for
	 * checking a configuration file the project ships. The broker must answer MQTT on that port.
	 */
	public static SecuredMosquitto startWith(Path directory, IntFunction<String> configuration) {
		return startWith(directory, (port, tlsPort, logFile) -> configuration.apply(port), false);
	}

	private static SecuredMosquitto startWith(Path directory, MosquittoProcess.Configuration configuration,
			boolean tlsListener) {
		Path binary = MosquittoProcess.findBinary()
			.orElseThrow(() -> new IllegalStateException(missingTools().orElse("no mosquitto")));
		return new SecuredMosquitto(MosquittoProcess.start(binary, directory, configuration, tlsListener));
	}

	/** Writes a Mosquitto password file (hashed) with one user, as {@code mosquitto_passwd -b -c} does. */
	public static void createPasswordFile(Path file, String username, String password) {
		Path passwd = findPasswd().orElseThrow(() -> new IllegalStateException(missingTools().orElse("")));
		try {
			Process process = new ProcessBuilder(passwd.toString(), "-b", "-c", file.toString(), username, password)
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("mosquitto_passwd failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The plain listener: {@code tcp://127.0.0.1:PORT}. */
	public String url() {
		return process.url();
	}

	/** The TLS listener under the name its certificate gives: {@code ssl://localhost:PORT}. */
	public String tlsUrl() {
		if (process.tlsPort() == 0) {
			throw new IllegalStateException("this broker has no TLS listener: start it with certificates");
		}
		return "ssl://localhost:" + process.tlsPort();
	}

	/** What the broker logged so far (when its configuration logs to the file {@link MosquittoProcess} gives it). */
	public String log() {
		try {
			Path log = process.logFile();
			return Files.exists(log) ? Files.readString(log) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		process.close();
	}

	private static Optional<Path> findPasswd() {
		String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
		return Stream.concat(Stream.of(path.split(File.pathSeparator)).filter((entry) -> !entry.isBlank()).map(Path::of),
				USUAL_LOCATIONS.stream())
			.map((directory) -> directory.resolve("mosquitto_passwd"))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
