package dev.minerfleet.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.minerfleet.MinerApplication;
import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Target;
import dev.minerfleet.fleet.EmbeddedBroker;
import dev.minerfleet.mining.Cancellation;
import dev.minerfleet.mining.HeaderHasher;
import dev.minerfleet.mining.NonceSearch;
import dev.minerfleet.mining.NonceStride;

/**
 * The miner's hash rate with the whole service running, against the bare nonce loop in the same JVM (run through
 * bench/service-hashrate.sh, which also runs the JMH {@link NonceLoopBenchmark} figure in each round). Arguments
 * {@code [window seconds] [warm-up seconds]}, default 10 10:
 * <ol>
 * <li>bare: the real {@link NonceSearch} loop, MIDSTATE, one thread, against a target no hash meets, for the warm-up
 * and then the window, before anything else starts in this JVM;</li>
 * <li>service: the embedded broker, a measured miner (MinerApplication: mining with 1 thread, genTRX every second, REST,
 * MQTT, metrics; 25 bits, retargeting toward 5 s) and a second miner on the same broker that does not mine but
 * publishes a transaction every 100 ms, while this JVM polls the measured miner's GET /status and GET /chain every
 * 100 ms each. After the warm-up, the hash rate is the growth of /status {@code hashes} over the window.</li>
 * </ol>
 * For both, the CPU time of each thread group over the window shows who else ran (ThreadMXBean; GC and JIT threads are
 * JVM-internal and not listed). Lines starting with "RESULT" are for the script.
 */
public final class ServiceHashRateBenchmark {

	private static final Target IMPOSSIBLE = Target.ofLeadingZeroBits(240);

	/** Not a thread: the whole process's CPU time, GC and JIT included. */
	private static final String PROCESS = "(process)";

	private static final Pattern HASHES = Pattern.compile("\"hashes\":([0-9]+)");

	private static final Pattern BLOCKS_MINED = Pattern.compile("\"blocksMined\":([0-9]+)");

	private static final Pattern STRATEGY = Pattern.compile("\"powStrategy\":\"([A-Z]+)\"");

	private ServiceHashRateBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		long window = (args.length > 0) ? Long.parseLong(args[0]) : 10;
		long warmup = (args.length > 1) ? Long.parseLong(args[1]) : 10;
		bare(window, warmup);
		service(window, warmup);
		// Paho's and Moquette's threads may linger
		System.exit(0);
	}

	private static void bare(long window, long warmup) throws InterruptedException {
		LongAdder hashes = new LongAdder();
		AtomicBoolean running = new AtomicBoolean(true);
		Thread thread = new Thread(() -> {
			NonceSearch search = new NonceSearch(HeaderHasher.create(HeaderHasher.Strategy.MIDSTATE), hashes);
			SplittableRandom random = new SplittableRandom(2026);
			byte[] previous = new byte[Hash.LENGTH];
			byte[] merkle = new byte[Hash.LENGTH];
			random.nextBytes(previous);
			random.nextBytes(merkle);
			BlockHeader header = new BlockHeader(1, Hash.of(previous), Hash.of(merkle), 1_767_225_600_000L,
					IMPOSSIBLE.compact(), 0);
			NonceStride stride = new NonceStride(0, 1 << 16);
			while (running.get()) {
				search.search(header, IMPOSSIBLE, stride, Cancellation.never());
			}
		}, "miner-bare");
		thread.start();
		Thread.sleep(warmup * 1000);
		Map<String, Long> cpu0 = threadCpu();
		long h0 = hashes.sum();
		long t0 = System.nanoTime();
		Thread.sleep(window * 1000);
		long h1 = hashes.sum();
		long t1 = System.nanoTime();
		Map<String, Long> cpu1 = threadCpu();
		running.set(false);
		thread.join();
		double rate = (h1 - h0) * 1e3 / (t1 - t0);
		double minerCpu = (cpu1.getOrDefault("miner-bare", 0L) - cpu0.getOrDefault("miner-bare", 0L)) / 1e9;
		System.out.printf(
				"RESULT bare mhps=%.3f miner_thread_cpu_share=%.3f mhps_per_cpu_second=%.3f window_s=%.1f%n", rate,
				minerCpu * 1e9 / (t1 - t0), (h1 - h0) / 1e6 / minerCpu, (t1 - t0) / 1e9);
		printCpu("bare", cpu0, cpu1, t1 - t0);
	}

	private static void service(long window, long warmup) throws Exception {
		try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", freePort())) {
			ConfigurableApplicationContext measured = miner(broker.url(), "bench-a", "--mining.threads=1",
					"--generator.interval=1s");
			ConfigurableApplicationContext publisher = miner(broker.url(), "bench-b", "--mining.enabled=false",
					"--generator.interval=100ms");
			String base = "http://127.0.0.1:" + measured.getEnvironment().getRequiredProperty("local.server.port");
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			AtomicBoolean polling = new AtomicBoolean(true);
			AtomicLong polls = new AtomicLong();
			Thread poller = new Thread(() -> {
				while (polling.get()) {
					try {
						get(http, base + "/status");
						get(http, base + "/chain?from=0&limit=100");
						polls.incrementAndGet();
						Thread.sleep(100);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
					catch (IOException ex) {
						System.out.println("poll failed: " + ex);
					}
				}
			}, "rest-poller");
			poller.start();
			Thread.sleep(warmup * 1000);
			String s0 = get(http, base + "/status");
			Map<String, Long> cpu0 = threadCpu();
			long t0 = System.nanoTime();
			long p0 = polls.get();
			Thread.sleep(window * 1000);
			String s1 = get(http, base + "/status");
			long t1 = System.nanoTime();
			Map<String, Long> cpu1 = threadCpu();
			long p1 = polls.get();
			polling.set(false);
			poller.join();
			long hashes = number(HASHES, s1) - number(HASHES, s0);
			double rate = hashes * 1e3 / (t1 - t0);
			double minerCpu = groupDelta(cpu0, cpu1, "miner-") / 1e9;
			Matcher strategy = STRATEGY.matcher(s1);
			String publisherHeight = get(http, "http://127.0.0.1:"
					+ publisher.getEnvironment().getRequiredProperty("local.server.port") + "/status");
			System.out.printf(
					"RESULT service mhps=%.3f miner_thread_cpu_share=%.3f mhps_per_cpu_second=%.3f window_s=%.1f"
							+ " strategy=%s blocks_mined_in_window=%d polls_in_window=%d transactions_received=%s%n",
					rate, minerCpu * 1e9 / (t1 - t0), hashes / 1e6 / minerCpu, (t1 - t0) / 1e9,
					strategy.find() ? strategy.group(1) : "?", number(BLOCKS_MINED, s1) - number(BLOCKS_MINED, s0),
					p1 - p0, field("transactionsReceived", s1));
			if (publisherHeight.isEmpty()) {
				System.out.println("publisher silent");
			}
			printCpu("service", cpu0, cpu1, t1 - t0);
			publisher.close();
			measured.close();
		}
	}

	private static ConfigurableApplicationContext miner(String brokerUrl, String id, String... extra) {
		String[] common = { "--miner.id=" + id, "--server.port=0", "--mqtt.url=" + brokerUrl,
				"--mqtt.topic-prefix=bench", "--chain.difficulty-bits=25" };
		String[] args = new String[common.length + extra.length];
		System.arraycopy(common, 0, args, 0, common.length);
		System.arraycopy(extra, 0, args, common.length, extra.length);
		return new SpringApplicationBuilder(MinerApplication.class).run(args);
	}

	private static String get(HttpClient http, String url) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private static long number(Pattern pattern, String json) {
		Matcher matcher = pattern.matcher(json);
		if (!matcher.find()) {
			throw new IllegalStateException("no " + pattern + " in " + json);
		}
		return Long.parseLong(matcher.group(1));
	}

	private static String field(String name, String json) {
		Matcher matcher = Pattern.compile("\"" + name + "\":([0-9]+)").matcher(json);
		return matcher.find() ? matcher.group(1) : "?";
	}

	/** CPU nanoseconds of every live thread, by name with digits and ids folded into groups. */
	private static Map<String, Long> threadCpu() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<String, Long> cpu = new HashMap<>();
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			cpu.put(PROCESS, os.getProcessCpuTime());
		}
		for (long id : threads.getAllThreadIds()) {
			long nanos = threads.getThreadCpuTime(id);
			java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
			if (nanos >= 0 && info != null) {
				cpu.merge(group(info.getThreadName()), nanos, Long::sum);
			}
		}
		return cpu;
	}

	private static String group(String name) {
		if (name.equals("miner-bare")) {
			return name;
		}
		return name.replaceAll("[0-9a-f]{6,}", "*").replaceAll("[0-9]+", "N");
	}

	private static long groupDelta(Map<String, Long> before, Map<String, Long> after, String prefix) {
		long sum = 0;
		for (Map.Entry<String, Long> entry : after.entrySet()) {
			if (entry.getKey().startsWith(prefix)) {
				sum += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
			}
		}
		return sum;
	}

	private static void printCpu(String phase, Map<String, Long> before, Map<String, Long> after, long wallNanos) {
		StringBuilder line = new StringBuilder("RESULT cpu phase=" + phase + " wall_s="
				+ String.format("%.1f", wallNanos / 1e9) + " process_cpu_share="
				+ String.format("%.2f", (after.getOrDefault(PROCESS, 0L) - before.getOrDefault(PROCESS, 0L))
						/ (double) wallNanos)
				+ " threads:");
		after.entrySet()
			.stream()
			.map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
			.filter(e -> e.getValue() > 0 && !e.getKey().equals(PROCESS))
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(8)
			.forEach(e -> line.append(String.format(" [%s]=%.3f", e.getKey(), e.getValue() / (double) wallNanos)));
		System.out.println(line);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
