package dev.minerfleet.testsupport;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MQTT broker for integration tests, started at most once per JVM and shared by every test class that
 * registers this extension:
 *
 * <pre class="code">
 * class BlockRelayIT {
 *
 *     &#64;RegisterExtension
 *     static TestBroker broker = new TestBroker();
 *
 *     &#64;Test
 *     void relaysAMinedBlockToEveryMiner() {
 *         String topics = broker.uniqueTopicPrefix();   // "it-3f9c0a1b2d4e/blockchain"
 *         try (RawMqttClient watcher = RawMqttClient.connect(broker.url())) {
 *             watcher.subscribe(topics + "/blocks");
 *             // start miners with broker.url() and topics as their topic prefix ...
 *         }
 *     }
 * }
 * </pre>
 *
 * The field must be {@code static}: the broker is resolved before the class's {@code @BeforeAll} methods run, so
 * they can use {@link #url()} too. The broker is the first of:
 * <ol>
 * <li>the URL in the environment variable {@value #BROKER_URL_VARIABLE} ({@code tcp://host:port}), used as is;</li>
 * <li>a {@code mosquitto} process on a free loopback port, when the binary is on the {@code PATH} or in
 * {@code /usr/sbin} (Debian), {@code /usr/local/sbin} or {@code /opt/homebrew/sbin}; its configuration and log are
 * in a {@code target/mosquitto-*} directory;</li>
 * <li>an {@code eclipse-mosquitto:2.0} container, when Testcontainers finds Docker;</li>
 * <li>the application's embedded broker ({@link #startEmbedded()}), with a visible notice, unless the environment variable
 * {@value #FORBID_EMBEDDED_VARIABLE} is set, for CI jobs that must test against a real Mosquitto.</li>
 * </ol>
 * One INFO line says which broker the tests use. The broker outlives the test classes and stops when the JUnit
 * run ends, so tests isolate themselves by topic: each takes its own {@link #uniqueTopicPrefix()} and its clients
 * take unique client ids. Both Mosquitto flavours queue up to 100,000 messages per client and limit no in-flight
 * window, so a slow subscriber does not lose QoS 1 messages.
 * <p>
 * Outage tests {@link #stop()} and {@link #restart()} the broker; that works only for the Mosquitto process the
 * extension owns ({@link #canStopAndRestart()}), elsewhere they throw {@link UnsupportedOperationException}. A
 * stopped broker affects every test of the JVM: the extension restarts it after each test that leaves it stopped,
 * and under parallel execution outage tests must run alone ({@code @Isolated}).
 */
public final class TestBroker implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

	static final String BROKER_URL_VARIABLE = "MQTT_TEST_BROKER";

	static final String FORBID_EMBEDDED_VARIABLE = "MINERFLEET_TEST_BROKER_FORBID_EMBEDDED";

	/** {@code MQTT_TEST_BROKER=embedded} asks for the embedded broker even where Mosquitto is installed. */
	static final String EMBEDDED_REQUEST = "embedded";

	static final String NO_BROKER_MESSAGE = "No MQTT broker for integration tests: set MQTT_TEST_BROKER=tcp://host:port,"
			+ " or install Mosquitto (Debian/Ubuntu: sudo apt-get install mosquitto; macOS: brew install mosquitto),"
			+ " or start Docker.";

	private static final Logger logger = LoggerFactory.getLogger(TestBroker.class);

	private static final Namespace NAMESPACE = Namespace.create(TestBroker.class);

	private volatile @Nullable RunningBroker broker;

	@Override
	public void beforeAll(ExtensionContext context) {
		resolve(context);
	}

	/** Also covers an extension registered on an instance field, whose {@code beforeAll} JUnit never calls. */
	@Override
	public void beforeEach(ExtensionContext context) {
		resolve(context);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		RunningBroker running = this.broker;
		if (running != null && running.isStopped()) {
			logger.info("Restarting the MQTT test broker that {} left stopped", context.getDisplayName());
			running.restart();
		}
	}

	/** The URL to give MQTT clients, {@code tcp://127.0.0.1:PORT} for a Mosquitto process. */
	public String url() {
		return running().url();
	}

	public String host() {
		return running().host();
	}

	public int port() {
		return running().port();
	}

	/** {@code env}, {@code mosquitto}, {@code testcontainers} or {@code embedded}. */
	public String source() {
		return running().source();
	}

	/**
	 * A topic prefix no other test uses, such as {@code it-3f9c0a1b2d4e/blockchain}: tests share the broker, so each
	 * puts its topics under its own prefix.
	 */
	public String uniqueTopicPrefix() {
		return "it-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "/blockchain";
	}

	/** Whether the broker's port accepts TCP connections now. */
	public boolean acceptsConnections() {
		return MosquittoProcess.acceptsConnections(host(), port());
	}

	/** Whether {@link #stop()} and {@link #restart()} work: only for the Mosquitto process this extension owns. */
	public boolean canStopAndRestart() {
		return running().canStopAndRestart();
	}

	/**
	 * Stops the broker: its port refuses connections and connected clients lose their connection.
	 * @throws UnsupportedOperationException unless {@link #canStopAndRestart()}
	 */
	public void stop() {
		RunningBroker running = running();
		running.stop();
		logger.info("Stopped the MQTT test broker at {}", running.url());
	}

	/**
	 * Starts the broker again on the same port (stopping it first if it runs), without any session or message of
	 * before.
	 * @throws UnsupportedOperationException unless {@link #canStopAndRestart()}
	 */
	public void restart() {
		RunningBroker running = running();
		running.restart();
		logger.info("Restarted the MQTT test broker at {}", running.url());
	}

	private void resolve(ExtensionContext context) {
		if (this.broker == null) {
			this.broker = context.getRoot()
				.getStore(NAMESPACE)
				.computeIfAbsent(RunningBroker.class, (key) -> startFirstAvailable(System::getenv,
						MosquittoProcess::findBinary, MosquittoContainer::dockerAvailable, TestBroker::startEmbedded),
						RunningBroker.class);
		}
	}

	private RunningBroker running() {
		RunningBroker running = this.broker;
		if (running == null) {
			throw new IllegalStateException("The MQTT test broker is not resolved yet: register the extension as"
					+ " '@RegisterExtension static TestBroker broker = new TestBroker();' and use it from"
					+ " @BeforeAll, @BeforeEach or test methods");
		}
		return running;
	}

	/** Tries the sources in the documented order; the arguments let a unit test play every kind of machine. */
	static RunningBroker startFirstAvailable(UnaryOperator<@Nullable String> environment,
			Supplier<Optional<Path>> mosquittoBinary, BooleanSupplier dockerAvailable,
			Supplier<Optional<RunningBroker>> embedded) {
		if (isSet(environment, BROKER_URL_VARIABLE)
				&& environment.apply(BROKER_URL_VARIABLE).strip().equals(EMBEDDED_REQUEST)) {
			if (isSet(environment, FORBID_EMBEDDED_VARIABLE)) {
				throw new IllegalStateException(BROKER_URL_VARIABLE + "=embedded asks for the embedded broker, but "
						+ FORBID_EMBEDDED_VARIABLE + " forbids it");
			}
			return logged(embedded.get().orElseThrow(() -> new IllegalStateException(NO_BROKER_MESSAGE)));
		}
		RunningBroker broker = fromEnvironment(environment)
			.or(() -> mosquittoBinary.get().map(MosquittoProcess::start))
			.or(() -> dockerAvailable.getAsBoolean() ? Optional.of(MosquittoContainer.start()) : Optional.empty())
			.or(() -> isSet(environment, FORBID_EMBEDDED_VARIABLE) ? Optional.empty() : embedded.get())
			.orElseThrow(() -> new IllegalStateException(NO_BROKER_MESSAGE));
		return logged(broker);
	}

	private static RunningBroker logged(RunningBroker broker) {
		if (broker.source().equals("embedded")) {
			logger.warn("MQTT test broker: {}", broker.description());
		}
		else {
			logger.info("MQTT test broker: {}", broker.description());
		}
		return broker;
	}

	/**
	 * The hook for an embedded broker, the last resort on machines with neither Mosquitto nor Docker. Returns a
	 * started broker whose {@link RunningBroker#close()} stops it, or empty while there is none.
	 */
	static Optional<RunningBroker> startEmbedded() {
		return Optional.of(EmbeddedTestBroker.start());
	}

	private static Optional<RunningBroker> fromEnvironment(UnaryOperator<@Nullable String> environment) {
		if (!isSet(environment, BROKER_URL_VARIABLE)) {
			return Optional.empty();
		}
		String url = environment.apply(BROKER_URL_VARIABLE).strip();
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(invalidUrl(url), ex);
		}
		if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() <= 0) {
			throw new IllegalStateException(invalidUrl(url));
		}
		if (!MosquittoProcess.acceptsConnections(uri.getHost(), uri.getPort())) {
			throw new IllegalStateException(BROKER_URL_VARIABLE + "=" + url + " does not accept connections: start"
					+ " that broker, or unset " + BROKER_URL_VARIABLE + " to let the tests start Mosquitto themselves");
		}
		return Optional.of(new ExternalBroker(uri.getHost(), uri.getPort(), url));
	}

	private static String invalidUrl(String url) {
		return BROKER_URL_VARIABLE + " must look like tcp://127.0.0.1:1883, not '" + url + "'";
	}

	private static boolean isSet(UnaryOperator<@Nullable String> environment, String variable) {
		String value = environment.apply(variable);
		return value != null && !value.isBlank();
	}

	/** A broker someone else runs: the tests neither start nor stop it. */
	private record ExternalBroker(String host, int port, String url) implements RunningBroker {

		@Override
		public String source() {
			return "env";
		}

		@Override
		public String description() {
			return BROKER_URL_VARIABLE + " at " + this.url;
		}

		@Override
		public void close() {
		}

	}

}
