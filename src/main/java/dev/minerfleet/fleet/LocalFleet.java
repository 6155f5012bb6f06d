package dev.minerfleet.fleet;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.minerfleet.MinerApplication;
import dev.minerfleet.node.MinerControl;

/**
 * A fleet of miners in this JVM: each its own Spring Boot application context with its own HTTP
 * port, miner id and MQTT connection, talking to the others only through the broker (embedded
 * unless an external one is given). Closing it stops the miners, then the broker.
 */
public final class LocalFleet implements AutoCloseable {

	private static final String TRANSACTION_QOS_SETTING = "--mqtt.transaction-qos=";

	/**
	 * Moquette drops a QoS 0 message for a client whose connection is not writable at that moment (Netty's outbound
	 * buffer above its high-water mark), where it queues a QoS 1 one; a burst of transactions towards a miner that
	 * lags would lose some. So miners on the embedded broker subscribe to NEWTRX at QoS 1 unless told otherwise.
	 */
	private static final int EMBEDDED_TRANSACTION_QOS = 1;

	private final Optional<EmbeddedBroker> embedded;

	private final String brokerUrl;

	private final List<RunningMiner> miners;

	private Optional<FleetView> view = Optional.empty();

	private LocalFleet(Optional<EmbeddedBroker> embedded, String brokerUrl, List<RunningMiner> miners) {
		this.embedded = embedded;
		this.brokerUrl = brokerUrl;
		this.miners = miners;
	}

	/** A miner of the fleet. */
	public record RunningMiner(String id, int port, Duration startup, ConfigurableApplicationContext context) {

		public String url() {
			return "http://localhost:" + port;
		}

	}

	/**
	 * Starts the broker and the miners, reporting progress on {@code out}. Mining starts on every
	 * miner at once when the last one is up, so nobody mines blocks the late ones never hear of.
	 */
	public static LocalFleet start(FleetOptions options, PrintStream out) throws IOException {
		Optional<EmbeddedBroker> embedded = Optional.empty();
		String brokerUrl;
		if (options.externalBroker().isPresent()) {
			brokerUrl = options.externalBroker().get();
			out.println("Using the MQTT broker at " + brokerUrl);
		}
		else {
			int port = options.brokerPort();
			if (!Ports.isFree(options.brokerHost(), port)) {
				int free = Ports.firstFreeFrom(options.brokerHost(), port + 1, Set.of());
				out.printf("Port %d on %s is already in use (another MQTT broker, such as Mosquitto?): the embedded broker"
						+ " takes port %d instead.%n  Choose one with --broker-port=N, or use that broker with"
						+ " --mqtt.url=tcp://%s:%d%n", port, options.brokerHost(), free, options.brokerHost(), port);
				port = free;
			}
			EmbeddedBroker broker = EmbeddedBroker.start(options.brokerHost(), port);
			embedded = Optional.of(broker);
			brokerUrl = broker.url();
		}
		List<RunningMiner> miners = new ArrayList<>();
		LocalFleet fleet = new LocalFleet(embedded, brokerUrl, miners);
		try {
			Set<Integer> used = new HashSet<>();
			for (int i = 1; i <= options.miners(); i++) {
				int port = Ports.firstFreeFrom("0.0.0.0", (i == 1) ? options.firstPort() : lastPort(miners) + 1, used);
				used.add(port);
				if (i == 1 && port != options.firstPort()) {
					out.printf("Port %d is already in use: miner-1 takes port %d.%n", options.firstPort(), port);
				}
				String id = "miner-" + i;
				out.printf("Starting %s on port %d ...%n", id, port);
				miners.add(startMiner(id, port, brokerUrl, embedded.isPresent(), options));
			}
			if (!options.setsMiningEnabled()) {
				for (RunningMiner miner : miners) {
					miner.context().getBean(MinerControl.class).resumeMining();
				}
			}
			if (options.viewPort() != 0) {
				int port = Ports.firstFreeFrom("0.0.0.0", options.viewPort(), used);
				Map<String, URI> urls = new LinkedHashMap<>();
				miners.forEach(miner -> urls.put(miner.id(), URI.create(miner.url())));
				fleet.view = Optional.of(FleetView.start("0.0.0.0", port, urls));
			}
		}
		catch (RuntimeException ex) {
			fleet.close();
			throw ex;
		}
		return fleet;
	}

	private static int lastPort(List<RunningMiner> miners) {
		return miners.get(miners.size() - 1).port();
	}

	private static RunningMiner startMiner(String id, int port, String brokerUrl, boolean embeddedBroker,
			FleetOptions options) {
		List<String> args = new ArrayList<>(List.of("--miner.id=" + id, "--server.port=" + port,
				"--mqtt.url=" + brokerUrl, "--spring.application.name=" + id));
		if (!options.setsMiningEnabled()) {
			args.add("--mining.enabled=false");
		}
		List<String> given = options.argumentsFor(id);
		// a setting given twice would reach Spring as "1,0"
		if (embeddedBroker && given.stream().noneMatch(arg -> arg.startsWith(TRANSACTION_QOS_SETTING))) {
			args.add(TRANSACTION_QOS_SETTING + EMBEDDED_TRANSACTION_QOS);
		}
		options.dataDirOf(id).ifPresent(dir -> args.add("--storage.data-dir=" + dir));
		args.addAll(given);
		long started = System.nanoTime();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MinerApplication.class)
			.registerShutdownHook(false)
			.run(args.toArray(String[]::new));
		return new RunningMiner(id, port, Duration.ofNanos(System.nanoTime() - started), context);
	}

	private static void closeQuietly(RunningMiner miner) {
		try {
			miner.context().close();
		}
		catch (RuntimeException ex) {
			// keep closing the others: a miner that fails to stop must not keep the rest alive
		}
	}

	public String brokerUrl() {
		return brokerUrl;
	}

	public boolean isBrokerEmbedded() {
		return embedded.isPresent();
	}

	/** The address of the fleet's live view, when it has one. */
	public Optional<String> viewUrl() {
		return view.map(server -> "http://localhost:" + server.port() + "/");
	}

	public List<RunningMiner> miners() {
		return List.copyOf(miners);
	}

	/** The table of miners and broker printed once the fleet is up. */
	public void printTable(PrintStream out) {
		out.println();
		out.printf("%-10s  %-24s  %-10s%n", "MINER", "URL", "STARTED IN");
		for (RunningMiner miner : miners) {
			out.printf("%-10s  %-24s  %6.1f s%n", miner.id(), miner.url(), miner.startup().toMillis() / 1000.0);
		}
		out.printf("%nMQTT broker: %s (%s)%n", brokerUrl, embedded.isPresent() ? "embedded Moquette" : "external");
		viewUrl().ifPresent(url -> out.println("Live view of the fleet: " + url + "   (each miner also serves its own at /)"));
		out.println("Try: curl -s " + (miners.isEmpty() ? "" : miners.get(0).url()) + "/status"
				+ "   Check the fleet: java -jar target/minerfleet-0.1.0-SNAPSHOT.jar check --miners=" + miners.size()
				+ (miners.isEmpty() ? "" : " --first-port=" + miners.get(0).port()));
		out.println("Ctrl-C stops everything.");
	}

	@Override
	public synchronized void close() {
		view.ifPresent(FleetView::close);
		// in parallel: each miner takes a second or two to stop its threads and leave the broker
		List<Thread> closing = new ArrayList<>();
		for (RunningMiner miner : miners) {
			Thread thread = new Thread(() -> closeQuietly(miner), "stop-" + miner.id());
			thread.start();
			closing.add(thread);
		}
		for (Thread thread : closing) {
			try {
				thread.join(Duration.ofSeconds(30).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		miners.clear();
		embedded.ifPresent(EmbeddedBroker::close);
	}

}
