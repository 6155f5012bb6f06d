package dev.minerfleet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.minerfleet.MinerApplication;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.GeneratorProperties;
import dev.minerfleet.mempool.GeneratorProperties.Mode;
import dev.minerfleet.mempool.Mempool.Admission;
import dev.minerfleet.mempool.TransactionGenerator;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.node.NodeObserver;

/**
 * Transaction throughput of a fleet (run through bench/tx-throughput.sh, which starts the Mosquitto it names): five
 * real miner applications in this JVM on the broker at {@code args[0]}, a block every 2 s on average (fixed
 * difficulty, each miner's hash rate capped), and genTRX on every miner at {@code args[1]} transactions a second in
 * total, for {@code args[2]} seconds after a warm-up of {@code args[3]} seconds at the same rate. Further arguments
 * are miner settings ({@code --key=value}) for every miner.
 *
 * <p>
 * Generation starts on all miners at once once all are subscribed (the same {@link TransactionGenerator} class and
 * sink, {@link ChainService#createTransaction}, as the configured genTRX, which is off). When it stops, the fleet
 * gets {@code bench.drain} (default 20 s) to confirm what is pending. Then, for every transaction generated: it is
 * confirmed on every miner's active chain, by the same block everywhere; and every miner received as many
 * transactions on NEWTRX (added, duplicate or already confirmed) as the others generated. The rate is sustained when
 * the generators kept their rate (made at least 98 % of what it asks for), every transaction is confirmed everywhere, nothing was rejected and no mempool
 * evicted anything. CPU time per thread group (ThreadMXBean) and of Mosquitto ({@code bench.broker.pid}) over the
 * measured window say where the time went. Lines starting with "RESULT" are for the script.
 */
public final class TransactionThroughputBenchmark {

	private static final int MINERS = Integer.getInteger("bench.miners", 5);

	private TransactionThroughputBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String brokerUrl = args[0];
		int totalRate = Integer.parseInt(args[1]);
		long seconds = Long.parseLong(args[2]);
		long warmup = Long.parseLong(args[3]);
		List<String> extra = List.of(args).subList(4, args.length);
		long drainSeconds = Long.getLong("bench.drain", 20);
		Optional<Long> brokerPid = CpuSample.brokerPid();
		String prefix = "txbench-" + Long.toHexString(new SplittableRandom().nextLong() & 0xffffffL);

		List<FleetMiner> miners = new ArrayList<>();
		try {
			for (int i = 1; i <= MINERS; i++) {
				miners.add(FleetMiner.start("tx-" + i, brokerUrl, prefix, extra, totalRate / (double) MINERS));
			}
			System.out.printf("== %d miners up on %s (topic prefix %s)%n", MINERS, brokerUrl, prefix);
			miners.forEach(FleetMiner::startGenerating);
			long start = System.nanoTime();
			sleepUntil(start, warmup, miners, start);
			CpuSample cpu0 = CpuSample.take(brokerPid);
			long generated0 = generated(miners);
			long heights0 = miners.get(0).chain.snapshot().height();
			long t0 = System.nanoTime();
			String load0 = loadAverage();
			sleepUntil(t0, seconds, miners, start);
			long t1 = System.nanoTime();
			long generated1 = generated(miners);
			CpuSample cpu1 = CpuSample.take(brokerPid);
			long heights1 = miners.get(0).chain.snapshot().height();
			String load1 = loadAverage();
			miners.forEach(FleetMiner::stopGenerating);
			long stopped = System.nanoTime();
			long window = t1 - t0;

			long drainedAt = drain(miners, drainSeconds);
			Verdict verdict = verify(miners);
			long offered = Math.round(totalRate * (stopped - start) / 1e9);
			long generated = generated(miners);
			long skipped = miners.stream().mapToLong(m -> m.generator.ticksSkipped()).sum();
			long rejected = miners.stream().mapToLong(m -> m.chain.statistics().messagesRejected()).sum();
			long evicted = miners.stream().mapToLong(m -> m.chain.mempool().evicted()).sum();
			long reorgs = miners.stream().mapToLong(m -> m.chain.statistics().reorganizations()).sum();
			// within 2 %: a stall of the generator's thread on a busy machine skips ticks (counted apart)
			boolean keptRate = generated >= 0.98 * offered;
			boolean sustained = keptRate && verdict.confirmedEverywhere() && verdict.receivedEverywhere()
					&& rejected == 0 && evicted == 0;
			double windowRate = (generated1 - generated0) * 1e9 / window;
			System.out.printf(
					"RESULT fleet offered_tps=%d generated_tps=%.0f sustained=%s generated=%d offered=%d ticks_skipped=%d"
							+ " confirmed_everywhere=%s missing=%d differing_blocks=%d received_everywhere=%s"
							+ " drain_s=%s blocks_in_window=%d block_interval_s=%.2f largest_block_tx=%d"
							+ " mean_block_tx=%.0f reorganizations=%d rejected=%d evicted=%d latency_p50_ms=%d"
							+ " latency_p99_ms=%d window_s=%.1f load_before=%s load_after=%s%n",
					totalRate, windowRate, sustained, generated, offered, skipped, verdict.confirmedEverywhere(),
					verdict.missing(), verdict.differing(), verdict.receivedEverywhere(),
					(drainedAt < 0) ? "timeout" : String.format("%.1f", (drainedAt - stopped) / 1e9), heights1 - heights0,
					window / 1e9 / Math.max(1, heights1 - heights0), verdict.largestBlock(), verdict.meanBlock(), reorgs,
					rejected, evicted, LATENCY.percentile(0.50), LATENCY.percentile(0.99), window / 1e9,
					load0.replace(' ', '/'), load1.replace(' ', '/'));
			System.out.println("RESULT cpu " + cpu0.coresUntil(cpu1, 12));
		}
		finally {
			for (FleetMiner miner : miners) {
				miner.close();
			}
		}
		// Paho's threads may linger
		System.exit(0);
	}

	private static long generated(List<FleetMiner> miners) {
		return miners.stream().mapToLong(m -> m.generator.generated()).sum();
	}

	/** Waits {@code seconds} from {@code from}, printing the fleet's state every 10 s. */
	private static void sleepUntil(long from, long seconds, List<FleetMiner> miners, long start)
			throws InterruptedException {
		long end = from + seconds * 1_000_000_000L;
		while (true) {
			long left = end - System.nanoTime();
			if (left <= 0) {
				return;
			}
			Thread.sleep(Math.min(left / 1_000_000 + 1, 10_000));
			progress(miners, start);
		}
	}

	private static void progress(List<FleetMiner> miners, long start) {
		StringBuilder line = new StringBuilder(String.format("   t=%5.1fs generated=%d", (System.nanoTime() - start) / 1e9,
				generated(miners)));
		for (FleetMiner miner : miners) {
			line.append(String.format(" [%s #%d pool %d]", miner.id, miner.chain.snapshot().height(),
					miner.chain.mempool().size()));
		}
		System.out.println(line);
	}

	/** Waits until every created transaction is confirmed on every miner; the time it was, or -1 on timeout. */
	private static long drain(List<FleetMiner> miners, long seconds) throws InterruptedException {
		long deadline = System.nanoTime() + seconds * 1_000_000_000L;
		while (System.nanoTime() < deadline) {
			if (unconfirmedSomewhere(miners) == 0) {
				return System.nanoTime();
			}
			Thread.sleep(100);
		}
		return -1;
	}

	private static long unconfirmedSomewhere(List<FleetMiner> miners) {
		long unconfirmed = 0;
		for (FleetMiner miner : miners) {
			ChainSnapshot view = miner.chain.snapshot();
			for (FleetMiner creator : miners) {
				for (Hash id : creator.observer.created) {
					if (miner.chain.chain().confirmingBlock(id, view).isEmpty()) {
						unconfirmed++;
					}
				}
			}
			if (unconfirmed > 0) {
				return unconfirmed;
			}
		}
		return unconfirmed;
	}

	private record Verdict(boolean confirmedEverywhere, long missing, long differing, boolean receivedEverywhere,
			int largestBlock, double meanBlock) {
	}

	private static Verdict verify(List<FleetMiner> miners) {
		long missing = 0;
		long differing = 0;
		Map<Hash, Integer> blockSizes = new HashMap<>();
		List<ChainSnapshot> views = miners.stream().map(m -> m.chain.snapshot()).toList();
		for (FleetMiner creator : miners) {
			for (Hash id : creator.observer.created) {
				Hash first = null;
				for (int i = 0; i < miners.size(); i++) {
					Optional<StoredBlock> block = miners.get(i).chain.chain().confirmingBlock(id, views.get(i));
					if (block.isEmpty()) {
						missing++;
						continue;
					}
					blockSizes.put(block.get().hash(), block.get().block().transactions().size() - 1);
					if (first == null) {
						first = block.get().hash();
					}
					else if (!first.equals(block.get().hash())) {
						differing++;
					}
				}
			}
		}
		boolean receivedEverywhere = true;
		long total = miners.stream().mapToLong(m -> m.observer.created.size()).sum();
		for (FleetMiner miner : miners) {
			long expected = total - miner.observer.created.size();
			long received = miner.observer.received(Admission.ADDED) + miner.observer.received(Admission.DUPLICATE)
					+ miner.observer.received(Admission.ALREADY_CONFIRMED);
			System.out.printf("   %s: created %d, received %d of the others' %d (added %d, duplicate %d, already"
					+ " confirmed %d), tip #%d%n", miner.id, miner.observer.created.size(), received, expected,
					miner.observer.received(Admission.ADDED), miner.observer.received(Admission.DUPLICATE),
					miner.observer.received(Admission.ALREADY_CONFIRMED), miner.chain.snapshot().height());
			receivedEverywhere &= received >= expected;
		}
		int largest = blockSizes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
		double mean = blockSizes.values().stream().mapToInt(Integer::intValue).average().orElse(0);
		return new Verdict(missing == 0 && differing == 0, missing, differing, receivedEverywhere, largest, mean);
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	// ---- the miners

	/** Confirmation latencies of every miner, in 10 ms buckets up to 120 s. */
	private static final Histogram LATENCY = new Histogram();

	private static final class Histogram {

		private final LongAdder[] buckets = new LongAdder[12_001];

		Histogram() {
			for (int i = 0; i < buckets.length; i++) {
				buckets[i] = new LongAdder();
			}
		}

		void record(Duration latency) {
			buckets[(int) Math.min(buckets.length - 1, latency.toMillis() / 10)].increment();
		}

		long percentile(double p) {
			long total = 0;
			for (LongAdder bucket : buckets) {
				total += bucket.sum();
			}
			long rank = (long) Math.ceil(p * total);
			long seen = 0;
			for (int i = 0; i < buckets.length; i++) {
				seen += buckets[i].sum();
				if (seen >= rank && total > 0) {
					return i * 10L + 10;
				}
			}
			return -1;
		}

	}

	/** Counts what one miner created and received. */
	static final class BenchObserver implements NodeObserver {

		final Set<Hash> created = ConcurrentHashMap.newKeySet();

		private final Map<Admission, AtomicLong> received = new EnumMap<>(Admission.class);

		BenchObserver() {
			for (Admission admission : Admission.values()) {
				received.put(admission, new AtomicLong());
			}
		}

		@Override
		public void transactionCreated(Transaction transaction, Admission admission) {
			if (admission.isAdded()) {
				created.add(transaction.id());
			}
		}

		@Override
		public void transactionReceived(String from, Admission admission) {
			received.get(admission).incrementAndGet();
		}

		@Override
		public void transactionConfirmed(Transaction transaction, Duration latency) {
			LATENCY.record(latency);
		}

		long received(Admission admission) {
			return received.get(admission).get();
		}

		@TestConfiguration(proxyBeanMethods = false)
		static class Config {

			@Bean
			BenchObserver benchObserver() {
				return new BenchObserver();
			}

		}

	}

	private static final class FleetMiner implements AutoCloseable {

		final String id;

		final ConfigurableApplicationContext context;

		final ChainService chain;

		final BenchObserver observer;

		final TransactionGenerator generator;

		private FleetMiner(String id, ConfigurableApplicationContext context, double rate) {
			this.id = id;
			this.context = context;
			this.chain = context.getBean(ChainService.class);
			this.observer = context.getBean(BenchObserver.class);
			// ticks of 10 ms, or longer ones for rates under 100 a second
			int perTick = (int) Math.max(1, Math.round(rate / 100));
			Duration interval = Duration.ofNanos(Math.round(perTick * 1e9 / rate));
			this.generator = new TransactionGenerator(new GeneratorProperties(true, Mode.FIXED, interval, 0, perTick),
					chain::createTransaction, InstantSource.system(), new SplittableRandom(), id);
		}

		static FleetMiner start(String id, String brokerUrl, String prefix, List<String> extra, double rate) {
			Map<String, String> settings = new java.util.LinkedHashMap<>();
			for (String arg : List.of("--miner.id=" + id, "--server.port=0", "--mqtt.url=" + brokerUrl,
					"--mqtt.topic-prefix=" + prefix, "--generator.enabled=false", "--chain.difficulty-bits=18",
					"--chain.retarget-interval=0", "--chain.block-interval=2s",
					// 2^18 hashes a block on average over 5 x 26,214 hashes a second: a block every 2 s
					"--mining.max-hash-rate=" + Math.round((1 << 18) / 2.0 / MINERS),
					"--logging.level.dev.minerfleet.node.ChainService=warn",
					"--logging.level.dev.minerfleet.mining.MiningCoordinator=warn")) {
				settings.put(arg.substring(0, arg.indexOf('=')), arg);
			}
			for (String arg : extra) {
				settings.put(arg.substring(0, arg.indexOf('=')), arg);
			}
			ConfigurableApplicationContext context = new SpringApplicationBuilder(MinerApplication.class,
					BenchObserver.Config.class)
				.run(settings.values().toArray(String[]::new));
			return new FleetMiner(id, context, rate);
		}

		void startGenerating() {
			generator.start();
		}

		void stopGenerating() {
			generator.stop();
		}

		@Override
		public void close() {
			generator.stop();
			context.close();
		}

	}

}
