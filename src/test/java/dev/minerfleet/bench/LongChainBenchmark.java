package dev.minerfleet.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.management.ObjectName;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.unit.DataSize;

import dev.minerfleet.MinerApplication;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.fleet.EmbeddedBroker;
import dev.minerfleet.node.ChainProperties;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.storage.BlockLog;

/**
 * A miner holding a long chain, one chain length per run (run through bench/long-chain.sh, which starts one JVM per
 * length so that each start-up is cold and each heap figure clean). Arguments
 * {@code blocks transactions fsync [--key=value ...]}, the last ones settings for both miners, over the defaults below:
 * <ol>
 * <li>builds a valid chain of {@code blocks} blocks with {@code transactions} transactions and a coinbase each, at 4
 * leading zero bits and no retargeting (16 hashes a block), and writes it to a block log in a temporary data
 * directory, holding no block in memory afterwards;</li>
 * <li>starts a real miner (MinerApplication, mining and genTRX off, so the chain stays as built) on that directory and
 * the embedded broker: time to ready; its "Loaded N blocks ... in X ms" line is in the output;</li>
 * <li>heap in use after a full GC with that one miner running;</li>
 * <li>GET /chain?from=F&amp;limit=100 latency at the start, middle and end of the chain: median and p99;</li>
 * <li>starts a second miner on an empty data directory and the same broker, and times its catch-up sync until its
 * tip equals the first miner's.</li>
 * </ol>
 * Lines starting with "RESULT" are for the script.
 */
public final class LongChainBenchmark {

	private static final int PAGE = 100;

	private static final int WARMUP_REQUESTS = 50;

	private static final int REQUESTS = Integer.getInteger("bench.requests", 200);

	private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(Long.getLong("bench.syncTimeoutSeconds", 900));

	private LongChainBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int count = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		int transactions = (args.length > 1) ? Integer.parseInt(args[1]) : 4;
		boolean fsync = (args.length > 2) && Boolean.parseBoolean(args[2]);
		String[] extra = Arrays.copyOfRange(args, Math.min(3, args.length), args.length);
		// what the miners below are configured with: --chain.difficulty-bits=4 --chain.retarget-interval=0
		ChainParameters parameters = new ChainProperties(4, 0, Duration.ofSeconds(5), Duration.ofHours(2), 5000,
				DataSize.ofMegabytes(2), 1000, 100_000, DataSize.ofMegabytes(64), false)
			.toParameters();
		Path work = Files.createTempDirectory("long-chain-bench");
		try {
			long start = System.nanoTime();
			long bytes = write(work.resolve("a"), parameters, count, transactions);
			System.out.printf("built and wrote %,d blocks of %d transactions + coinbase in %.1f s, log %,d bytes%n",
					count, transactions, (System.nanoTime() - start) / 1e9, bytes);
			run(work, count, fsync, extra);
		}
		finally {
			try (Stream<Path> files = Files.walk(work)) {
				files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
		// Paho's and Moquette's threads may linger
		System.exit(0);
	}

	private static long write(Path dir, ChainParameters parameters, int count, int transactions) throws IOException {
		TestChain chain = new TestChain(parameters);
		try (BlockLog log = BlockLog.open(dir, parameters, false)) {
			Block parent = chain.genesis();
			for (int i = 0; i < count; i++) {
				Transaction[] txs = new Transaction[transactions];
				for (int t = 0; t < transactions; t++) {
					txs[t] = chain.transaction();
				}
				parent = chain.block(parent, "miner-" + (i % 3), txs);
				log.append(parent);
			}
			return log.size();
		}
	}

	private static void run(Path work, int count, boolean fsync, String[] extra) throws Exception {
		int brokerPort = freePort();
		try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", brokerPort)) {
			long startNanos = System.nanoTime();
			ConfigurableApplicationContext first = miner("bench-a", broker.url(), work.resolve("a"), fsync, extra);
			double startSeconds = (System.nanoTime() - startNanos) / 1e9;
			double uptimeSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
			ChainService a = first.getBean(ChainService.class);
			int height = a.snapshot().height();
			System.out.printf("RESULT startup blocks=%d height=%d context_ready_s=%.2f jvm_uptime_at_ready_s=%.2f%n",
					count, height, startSeconds, uptimeSeconds);

			System.out.printf("RESULT heap blocks=%d used_after_gc_mib=%.1f%n", count, heapAfterGc() / 1048576.0);
			if (Boolean.getBoolean("bench.histogram")) {
				histogram();
			}

			String base = "http://127.0.0.1:" + first.getEnvironment().getRequiredProperty("local.server.port");
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			pageLatency(http, base, count, new int[] { 0, height / 2, Math.max(0, height + 1 - PAGE) });

			long syncStart = System.nanoTime();
			ConfigurableApplicationContext second = miner("bench-b", broker.url(), work.resolve("b"), fsync, extra);
			ChainService b = second.getBean(ChainService.class);
			double bReady = (System.nanoTime() - syncStart) / 1e9;
			long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
			long lastReport = System.nanoTime();
			while (b.snapshot().height() < height && System.nanoTime() < deadline) {
				Thread.sleep(20);
				if (System.nanoTime() - lastReport > 10_000_000_000L) {
					lastReport = System.nanoTime();
					System.out.printf("   syncing: #%,d of #%,d after %.0f s%n", b.snapshot().height(), height,
							(lastReport - syncStart) / 1e9);
				}
			}
			double syncSeconds = (System.nanoTime() - syncStart) / 1e9;
			int synced = b.snapshot().height();
			boolean same = b.snapshot().tip().hash().equals(a.snapshot().tip().hash());
			System.out.printf(
					"RESULT sync blocks=%d synced=%d same_tip=%s fsync=%s second_miner_ready_s=%.2f"
							+ " until_tip_equal_s=%.2f sync_only_s=%.2f blocks_per_s=%.0f us_per_block=%.1f%n",
					count, synced, same, fsync, bReady, syncSeconds, syncSeconds - bReady,
					synced / (syncSeconds - bReady), (syncSeconds - bReady) * 1e6 / Math.max(1, synced));
			second.close();
			first.close();
		}
	}

	/** A miner on {@code dataDir}; {@code extra} settings ("--key=value") come last and win. */
	private static ConfigurableApplicationContext miner(String id, String brokerUrl, Path dataDir, boolean fsync,
			String[] extra) {
		Map<String, String> settings = new LinkedHashMap<>();
		for (String arg : List.of("--miner.id=" + id, "--server.port=0", "--mqtt.url=" + brokerUrl,
				"--mqtt.topic-prefix=bench", "--chain.difficulty-bits=4", "--chain.retarget-interval=0",
				"--mining.enabled=false", "--generator.enabled=false", "--storage.data-dir=" + dataDir,
				"--storage.fsync=" + fsync,
				// one session fetches the whole chain; the default, 10,000, would stop it there
				"--sync.max-blocks-per-session=10000000")) {
			settings.put(arg.substring(0, arg.indexOf('=')), arg);
		}
		// a later value replaces a default: Spring would join repeated arguments with commas
		for (String arg : extra) {
			settings.put(arg.substring(0, arg.indexOf('=')), arg);
		}
		return new SpringApplicationBuilder(MinerApplication.class).run(settings.values().toArray(String[]::new));
	}

	/** Requests rotate over the places, so that JIT warm-up and drifts in load hit every place alike. */
	private static void pageLatency(HttpClient http, String base, int count, int[] froms)
			throws IOException, InterruptedException {
		String[] names = { "start", "middle", "end" };
		long[][] nanos = new long[froms.length][REQUESTS];
		int[] sizes = new int[froms.length];
		for (int i = -WARMUP_REQUESTS; i < REQUESTS; i++) {
			for (int place = 0; place < froms.length; place++) {
				HttpRequest request = HttpRequest
					.newBuilder(URI.create(base + "/chain?from=" + froms[place] + "&limit=" + PAGE))
					.build();
				long t0 = System.nanoTime();
				HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
				long elapsed = System.nanoTime() - t0;
				if (response.statusCode() != 200) {
					throw new IllegalStateException("GET /chain answered " + response.statusCode());
				}
				sizes[place] = response.body().length;
				if (i >= 0) {
					nanos[place][i] = elapsed;
				}
			}
		}
		for (int place = 0; place < froms.length; place++) {
			long[] sorted = nanos[place];
			Arrays.sort(sorted);
			System.out.printf(
					"RESULT page blocks=%d where=%s from=%d bytes=%d median_ms=%.2f p99_ms=%.2f max_ms=%.2f%n", count,
					names[place], froms[place], sizes[place], sorted[REQUESTS / 2] / 1e6,
					sorted[(int) Math.ceil(REQUESTS * 0.99) - 1] / 1e6, sorted[REQUESTS - 1] / 1e6);
		}
	}

	private static long heapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(200);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/** The classes holding the most heap, as {@code jcmd PID GC.class_histogram} prints them. */
	private static void histogram() throws Exception {
		Object text = ManagementFactory.getPlatformMBeanServer()
			.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
					new Object[] { new String[0] }, new String[] { String[].class.getName() });
		text.toString().lines().limit(23).forEach(line -> System.out.println("   " + line));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
