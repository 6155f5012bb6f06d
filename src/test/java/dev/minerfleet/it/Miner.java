package dev.minerfleet.it;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.minerfleet.MinerApplication;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.GeneratorProperties;
import dev.minerfleet.mempool.GeneratorProperties.Mode;
import dev.minerfleet.mempool.TransactionGenerator;
import dev.minerfleet.testsupport.RawMqttClient;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.node.TransactionStatus;

/**
 * One real miner application for integration tests: its own Spring context, its own HTTP port,
 * its own MQTT connection to the test broker. Easy proof of work and no retargeting, so tests do
 * not wait on hashing.
 */
public final class Miner implements AutoCloseable {

	private final String id;

	private final ConfigurableApplicationContext context;

	private TransactionGenerator generator;

	private Miner(String id, ConfigurableApplicationContext context) {
		this.id = id;
		this.context = context;
	}

	/** Starts a miner; {@code extraArgs} override the test defaults ("--key=value"). */
	public static Miner start(String id, String brokerUrl, String topicPrefix, String... extraArgs) {
		return start(new Class<?>[0], id, brokerUrl, topicPrefix, extraArgs);
	}

	/** Starts a miner with extra configuration classes, such as a recording observer. */
	public static Miner start(Class<?>[] extraSources, String id, String brokerUrl, String topicPrefix,
			String... extraArgs) {
		java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
		for (String arg : List.of("--miner.id=" + id, "--server.port=0", "--mqtt.url=" + brokerUrl,
				"--mqtt.topic-prefix=" + topicPrefix, "--chain.difficulty-bits=12", "--chain.retarget-interval=0",
				"--generator.interval=300ms")) {
			settings.put(arg.substring(0, arg.indexOf('=')), arg);
		}
		// a later value replaces a default: Spring would join repeated arguments with commas
		for (String arg : extraArgs) {
			settings.put(arg.substring(0, arg.indexOf('=')), arg);
		}
		List<String> args = new ArrayList<>(settings.values());
		List<Class<?>> sources = new ArrayList<>(List.of(MinerApplication.class));
		sources.addAll(List.of(extraSources));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
			.run(args.toArray(String[]::new));
		return new Miner(id, context);
	}

	/**
	 * Waits until this miner hears the broker: publishes probe transactions from {@code client}
	 * until one reaches the mempool (a clean MQTT session misses what was published before it
	 * subscribed). Then it publishes one more probe and waits for it: the broker delivers one client's
	 * messages in order, so no earlier probe still in flight reaches the miner after this returns and
	 * counters read then stay put.
	 */
	public void awaitListening(RawMqttClient client, String topicPrefix) {
		java.util.concurrent.atomic.AtomicInteger probes = new java.util.concurrent.atomic.AtomicInteger();
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
			publishProbe(client, topicPrefix, probes.incrementAndGet());
			return chain().statistics().transactionsReceived() > 0;
		});
		Transaction last = publishProbe(client, topicPrefix, probes.incrementAndGet());
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.until(() -> !(chain().transactionStatus(last.id()) instanceof TransactionStatus.Unknown));
	}

	private static Transaction publishProbe(RawMqttClient client, String topicPrefix, int number) {
		Transaction probe = Transaction.create("probe", "probe", number, "probe", 1, "probe");
		client.publish(topicPrefix + "/NEWTRX", BlockJson.bytes(BlockJson.message(probe, "probe")), 1);
		return probe;
	}

	/**
	 * A genTRX of this miner's own, feeding its chain service exactly like the configured one, for
	 * tests that start generating only when the whole fleet listens.
	 */
	public synchronized TransactionGenerator generator(java.time.Duration interval) {
		if (generator == null) {
			generator = new TransactionGenerator(new GeneratorProperties(true, Mode.FIXED, interval, 0),
					chain()::createTransaction, java.time.InstantSource.system(), new java.util.SplittableRandom(),
					id);
		}
		return generator;
	}

	public String id() {
		return id;
	}

	public int port() {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	public <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	public <T> T bean(String name, Class<T> type) {
		return context.getBean(name, type);
	}

	public ChainService chain() {
		return bean(ChainService.class);
	}

	@Override
	public void close() {
		synchronized (this) {
			if (generator != null) {
				generator.stop();
			}
		}
		context.close();
	}

}
