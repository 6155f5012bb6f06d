package dev.minerfleet.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.integration.channel.AbstractMessageChannel;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.CompactBlock;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.validation.BlockValidator;
import dev.minerfleet.it.Miner;
import dev.minerfleet.messaging.wire.BlockAnnouncement;
import dev.minerfleet.messaging.wire.BlockMessage;
import dev.minerfleet.messaging.wire.CompactBlockMessage;
import dev.minerfleet.messaging.wire.Decoded.Ok;
import dev.minerfleet.messaging.wire.GetBlockTransactionsMessage;
import dev.minerfleet.messaging.wire.SyncCodec;
import dev.minerfleet.messaging.wire.SyncMessage;
import dev.minerfleet.messaging.wire.WireCodec;
import dev.minerfleet.node.MinerControl;
import dev.minerfleet.node.MinerProperties;
import dev.minerfleet.node.NodeObserver;
import dev.minerfleet.node.RelayStatistics;
import dev.minerfleet.testsupport.NoDelaySocketFactory;

/**
 * Block propagation in a local fleet on a real broker (run through bench/propagation.sh): from the moment a miner finds
 * a block (its {@link NodeObserver#blockMined}) to the moment every other miner has accepted it
 * ({@link NodeObserver#blockReceived} with the block stored), for fleets of the given sizes, with compact blocks and
 * with whole blocks; then, in the same run, the raw publish-to-receive latency of the same broker for a plain Paho
 * publisher and as many plain Paho subscribers as the fleet has other miners, with payloads of the median block message
 * size; and the time the chain's validator takes for the median block. All miners run in this JVM, so one
 * {@link System#nanoTime} clock times every event. Mining is capped ({@code mining.max-hash-rate}) at a fleet-wide
 * block about every {@code interval} seconds, so CPU is left for propagation; genTRX runs at {@code tps} transactions a
 * second over the whole fleet, so blocks hold about {@code tps * interval} transactions.
 *
 * <p>
 * Arguments: {@code brokerUrl sizes blocks interval tps [modes]}, e.g.
 * {@code tcp://127.0.0.1:18830 3,10,30 40 1.0 200 compact,whole}. Lines starting with "RESULT" are for the script.
 */
public final class PropagationBenchmark {

	private static final int DIFFICULTY_BITS = 16;

	private static final int WARM_UP_BLOCKS = 15;

	/**
	 * After its blocks, the warm-up lasts until the JIT compilers have worked less than {@link #QUIET_COMPILING_MILLIS}
	 * over the last {@link #QUIET_WINDOW}, or {@link #QUIET_MAX_WAIT} has passed: 15 blocks left them compiling for
	 * about a minute more, a core's worth at times, and a block's wave waited behind them (round 12). The system
	 * property {@code bench.quiet-max-seconds} sets the longest wait (0: measure right after the warm-up blocks, as
	 * before round 12).
	 */
	private static final double QUIET_COMPILING_MILLIS = 100;

	private static final Duration QUIET_WINDOW = Duration.ofSeconds(10);

	private static final Duration QUIET_MAX_WAIT = Duration.ofSeconds(Long.getLong("bench.quiet-max-seconds", 300));

	/** A block with at least this much compilation between being found and its last acceptance counts as compiled. */
	private static final double COMPILING_MILLIS = 1;

	/** Limits far above any block of the benchmark: it measures messages, it does not police them. */
	private static final WireCodec CODEC = new WireCodec(64 << 20, 1_000_000);

	/** Per found block: when, by whom, and when each other miner accepted it. */
	static final Map<String, Found> FOUND = new ConcurrentHashMap<>();

	static final Map<String, Map<String, Long>> ACCEPTED = new ConcurrentHashMap<>();

	/** When a plain Paho subscriber on NEWBLOCK, beside the miners, got each block message. */
	static final Map<String, Long> ON_THE_WIRE = new ConcurrentHashMap<>();

	/** Per miner, when each NEWBLOCK message reached its block channel. */
	static final Map<String, Queue<Long>> TAKEN_UP = new ConcurrentHashMap<>();

	/**
	 * Per block, per miner, how the thread that took the block message up spent the time until the block was stored,
	 * in nanoseconds: {wall, on a core, waiting in the run queue for one}; what is left is time off both (a lock, a
	 * collector pause, a sleep). Read from {@code /proc/thread-self/schedstat} (Linux), so empty elsewhere.
	 */
	static final Map<String, Map<String, long[]>> HANDLED = new ConcurrentHashMap<>();

	/** Per block, how many requests for some of its transactions (a round trip to the sender) the subscriber saw. */
	static final Map<String, Integer> ASKED = new ConcurrentHashMap<>();

	record Found(String finder, long nanos, Block block) {
	}

	/** The collector's pauses, to tell the blocks one of them delayed from the others. */
	static final JfrIntervals GC = JfrIntervals.pauses();

	/** The JIT compilers' work, which takes a core from the fleet while it lasts (docs/benchmarks.md, round 12). */
	static final JfrIntervals JIT = JfrIntervals.compilations();

	/** One block that reached every other miner: how long it took, and what of it went elsewhere. */
	record Reached(Found found, double millis, double wireMillis, double pausedMillis, double compilingMillis,
			String last, int asked) {
	}

	private PropagationBenchmark() {
	}

	/**
	 * Runs the benchmark and exits: 0 when done, 1 after printing why it failed. Without the exit on failure the MQTT
	 * clients' threads would keep the JVM, and the script waiting for it, alive.
	 */
	public static void main(String[] args) {
		try {
			run(args);
		}
		catch (Exception | Error ex) {
			ex.printStackTrace();
			System.exit(1);
		}
		System.exit(0);
	}

	private static void run(String[] args) throws Exception {
		String broker = args[0];
		int[] sizes = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
		int blocks = Integer.parseInt(args[2]);
		double interval = Double.parseDouble(args[3]);
		int tps = Integer.parseInt(args[4]);
		List<String> modes = List.of(((args.length > 5) ? args[5] : "compact,whole").split(","));
		for (int size : sizes) {
			for (boolean compact : new boolean[] { true, false }) {
				if (!modes.contains(compact ? "compact" : "whole")) {
					continue;
				}
				Fleet fleet = runFleet(broker, size, compact, blocks, interval, tps);
				double validationMillis = validationMillis(fleet.medianBlock(), fleet.parameters());
				int bytes = compact ? fleet.compactBytes() : fleet.wholeBytes();
				Latencies raw = rawBroker(broker, size - 1, bytes, blocks * 2);
				Latencies loaded = fleet.rawBesideFleet();
				String mode = compact ? "compact" : "whole";
				System.out.printf(
						"RESULT miners=%d mode=%s blocks=%d complete=%d txPerBlock=%d bytes=%d p50=%.2f p99=%.2f max=%.2f "
								+ "rawP50=%.2f rawP99=%.2f validation=%.2f target=%.2f withGcPause=%d p99NoGcPause=%.2f "
								+ "besideBytes=%d besideP50=%.2f besideP99=%.2f besideTarget=%.2f%n",
						size, mode, fleet.latencies().count(), fleet.latencies().count() - fleet.incomplete(),
						fleet.medianBlock().transactions().size(), bytes, fleet.latencies().p(50),
						fleet.latencies().p(99), fleet.latencies().max(), raw.p(50), raw.p(99), validationMillis,
						3 * raw.p(99) + validationMillis, fleet.withGcPause(), fleet.withoutGcPause().p(99),
						fleet.rawBesideBytes(), loaded.p(50), loaded.p(99), 3 * loaded.p(99) + validationMillis);
			}
		}
	}

	/**
	 * @param withGcPause how many of the blocks reaching all had a collector pause between being found and being
	 * accepted by the last miner
	 * @param withoutGcPause the latencies of the others
	 * @param rawBesideFleet the raw broker's latencies measured while the fleet ran its measured blocks
	 * @param rawBesideBytes the size of those raw messages: the median block message of the warm-up
	 */
	record Fleet(Latencies latencies, int incomplete, Block medianBlock, int compactBytes, int wholeBytes,
			ChainParameters parameters, int withGcPause, Latencies withoutGcPause, Latencies rawBesideFleet,
			int rawBesideBytes) {
	}

	private static Fleet runFleet(String broker, int size, boolean compact, int blocks, double interval, int tps)
			throws Exception {
		FOUND.clear();
		ACCEPTED.clear();
		ON_THE_WIRE.clear();
		TAKEN_UP.clear();
		HANDLED.clear();
		ASKED.clear();
		String prefix = "propagation-" + size + "-" + (compact ? "compact" : "whole") + "-" + System.nanoTime();
		MqttClient listener = listen(broker, prefix);
		long fleetHashRate = Math.round(Math.pow(2, DIFFICULTY_BITS) / interval);
		long perMiner = Math.max(1, fleetHashRate / size);
		long generatorMillis = Math.max(1, Math.round(1000.0 * size / tps));
		List<Miner> miners = new ArrayList<>();
		long start = System.nanoTime();
		ChainParameters parameters;
		int besideBytes;
		Latencies beside;
		Set<String> measured;
		long windowStart;
		long windowEnd;
		try {
			for (int i = 1; i <= size; i++) {
				miners.add(Miner.start(new Class<?>[] { Recorder.class }, "miner-" + i, broker, prefix,
						"--chain.difficulty-bits=" + DIFFICULTY_BITS, "--mining.max-hash-rate=" + perMiner,
						"--mining.threads=1", "--generator.interval=" + generatorMillis + "ms",
						"--relay.compact-blocks=" + compact, "--logging.level.dev.minerfleet=WARN",
						"--management.endpoints.web.exposure.include=health"));
			}
			System.out.printf("== %d miners (%s blocks) started in %.1f s; %d hashes/s each, a transaction every %d ms "
					+ "each%n", size, compact ? "compact" : "whole", (System.nanoTime() - start) / 1e9, perMiner,
					generatorMillis);
			// warm-up: the first blocks pay for class loading and JIT (a miner's relay runs once a block)
			awaitBlocks(WARM_UP_BLOCKS, Duration.ofMinutes(3));
			awaitQuietCompilers();
			besideBytes = medianMessageBytes(compact);
			FOUND.clear();
			ACCEPTED.clear();
			// the raw reference again, this time on the same machine load as the blocks it is compared with
			try (RawProbe probe = RawProbe.start(broker, size - 1, besideBytes)) {
				CpuSample before = CpuSample.take(CpuSample.brokerPid());
				ThreadSchedule scheduledBefore = ThreadSchedule.take();
				windowStart = System.nanoTime();
				awaitBlocks(blocks, Duration.ofMinutes(10));
				windowEnd = System.nanoTime();
				// the measured blocks are those found so far; a block found later, while the fleet shuts down, could
				// not reach the miners already closed
				measured = Set.copyOf(FOUND.keySet());
				CpuSample after = CpuSample.take(CpuSample.brokerPid());
				ThreadSchedule scheduledAfter = ThreadSchedule.take();
				beside = probe.stop();
				miners.forEach(miner -> miner.bean(MinerControl.class).pauseMining());
				System.out.println("== CPU over the measured blocks (the raw probe's threads included): "
						+ before.coresUntil(after, 10));
				System.out.println(
						"== scheduler over the measured blocks: " + scheduledBefore.until(scheduledAfter, 8));
			}
			// let the last blocks reach everyone, and JFR hand over the window's events (about once a second)
			Thread.sleep(Math.max(2_000, (long) (interval * 1000)));
			System.out.printf("== JIT compilation over the measured blocks: %.0f ms in %.1f s%n",
					JIT.millisWithin(windowStart, windowEnd), (windowEnd - windowStart) / 1e9);
			int late = FOUND.size() - measured.size();
			if (late > 0) {
				System.out.printf("== %d blocks found after the measured window, left out%n", late);
			}
			FOUND.keySet().retainAll(measured);
			parameters = miners.get(0).chain().parameters();
			long received = 0;
			long rebuilt = 0;
			long requested = 0;
			long fallbacks = 0;
			for (Miner miner : miners) {
				RelayStatistics relay = miner.chain().statistics().relay();
				received += relay.received();
				rebuilt += relay.rebuiltFromMempool();
				requested += relay.transactionsRequested();
				fallbacks += relay.fullBlockFallbacks();
			}
			System.out.printf("== compact blocks received %d, rebuilt from the mempool alone %d, transactions asked for "
					+ "%d, full-block fallbacks %d%n", received, rebuilt, requested, fallbacks);
		}
		finally {
			miners.forEach(Miner::close);
			listener.disconnectForcibly(1_000);
			listener.close();
		}
		return summarise(size, parameters, beside, besideBytes);
	}

	/**
	 * Waits until the JIT compilers have worked less than {@link #QUIET_COMPILING_MILLIS} over the last
	 * {@link #QUIET_WINDOW}, at most {@link #QUIET_MAX_WAIT}, and says how long it took.
	 */
	private static void awaitQuietCompilers() throws InterruptedException {
		if (QUIET_MAX_WAIT.isZero() || QUIET_MAX_WAIT.isNegative()) {
			System.out.println("== warm-up: not waiting for the JIT compilers (bench.quiet-max-seconds=0)");
			return;
		}
		long start = System.nanoTime();
		long deadline = start + QUIET_MAX_WAIT.toNanos();
		double recent;
		do {
			Thread.sleep(1_000);
			// JFR hands events over about once a second, later under load: the last seconds' may not be in yet
			long now = System.nanoTime() - 3_000_000_000L;
			recent = JIT.millisWithin(now - QUIET_WINDOW.toNanos(), now);
		}
		while (recent >= QUIET_COMPILING_MILLIS && System.nanoTime() < deadline);
		System.out.printf("== warm-up: JIT compilation %s after %.0f s more (%.0f ms of it over the last %d s)%n",
				(recent < QUIET_COMPILING_MILLIS) ? "quiet" : "still busy", (System.nanoTime() - start) / 1e9, recent,
				QUIET_WINDOW.toSeconds());
	}

	/** The size of the median block message found so far, in the form the fleet sends. */
	private static int medianMessageBytes(boolean compact) {
		int[] bytes = FOUND.values()
			.stream()
			.mapToInt(found -> messageBytes(found.block(), compact))
			.sorted()
			.toArray();
		return bytes[bytes.length / 2];
	}

	/** The bytes of {@code block}'s NEWBLOCK message, compact or whole. */
	private static int messageBytes(Block block, boolean compact) {
		return compact ? CODEC.encode(new CompactBlockMessage("miner-1", CompactBlock.of(block))).length
				: CODEC.encode(new BlockMessage("miner-1", block)).length;
	}

	/**
	 * A plain Paho subscriber that notes when each block message reaches it, and which blocks some miner asked the
	 * sender for transactions of (on the sync topics).
	 */
	private static MqttClient listen(String broker, String prefix) {
		SyncCodec sync = new SyncCodec(CODEC);
		String topic = prefix + "/NEWBLOCK";
		try {
			MqttClient client = connect(broker, "wire-listener");
			client.subscribe(topic, 1, (t, message) -> {
				long now = System.nanoTime();
				if (CODEC.decodeBlockAnnouncement(message.getPayload()) instanceof Ok<BlockAnnouncement> ok) {
					String hash = (ok.message() instanceof CompactBlockMessage compact) ? compact.block().hash().hex()
							: ((BlockMessage) ok.message()).block().hash().hex();
					ON_THE_WIRE.putIfAbsent(hash, now);
				}
			});
			client.subscribe(prefix + "/SYNC/+", 1, (t, message) -> {
				if (sync.decode(message.getPayload()) instanceof Ok<SyncMessage> ok
						&& ok.message() instanceof GetBlockTransactionsMessage request) {
					ASKED.merge(request.blockHash().hex(), 1, Integer::sum);
				}
			});
			return client;
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot listen on " + topic, ex);
		}
	}

	private static void awaitBlocks(int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (FOUND.size() < count && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		if (FOUND.size() < count) {
			throw new IllegalStateException("only " + FOUND.size() + " of " + count + " blocks in " + timeout);
		}
	}

	private static Fleet summarise(int size, ChainParameters parameters, Latencies beside, int besideBytes) {
		List<Double> wire = new ArrayList<>();
		List<Reached> reached = new ArrayList<>();
		int incomplete = 0;
		List<Found> found = new ArrayList<>(FOUND.values());
		for (Found block : found) {
			Long seen = ON_THE_WIRE.get(block.block().hash().hex());
			if (seen != null) {
				wire.add((seen - block.nanos()) / 1e6);
			}
			Map<String, Long> accepted = ACCEPTED.getOrDefault(block.block().hash().hex(), Map.of());
			long others = accepted.keySet().stream().filter(miner -> !miner.equals(block.finder())).count();
			if (others < size - 1) {
				incomplete++;
				System.out.printf("== block %s of %s reached %d of the %d other miners%n",
						block.block().hash().abbreviated(), block.finder(), others, size - 1);
				continue;
			}
			Map.Entry<String, Long> last = accepted.entrySet()
				.stream()
				.filter(entry -> !entry.getKey().equals(block.finder()))
				.max(Map.Entry.comparingByValue())
				.orElseThrow();
			double wireMillis = (seen == null) ? Double.NaN : (seen - block.nanos()) / 1e6;
			reached.add(new Reached(block, (last.getValue() - block.nanos()) / 1e6, wireMillis,
					GC.millisWithin(block.nanos(), last.getValue()), JIT.millisWithin(block.nanos(), last.getValue()),
					last.getKey(),
					ASKED.getOrDefault(block.block().hash().hex(), 0)));
		}
		reached.sort(Comparator.comparingDouble(Reached::millis).reversed());
		System.out.println("== the slowest blocks: found to the last miner's acceptance (to the plain subscriber; "
				+ "collector pauses in between; JIT compilation in between; transactions; the last miner; requests for "
				+ "transactions; the finder, and when it found the block on the monotonic clock, which System.nanoTime "
				+ "reads on Linux and perf's -k CLOCK_MONOTONIC stamps its samples with)");
		reached.stream()
			.limit(5)
			.forEach(block -> System.out.printf(
					"==   %.2f ms (wire %.2f ms; paused %.1f ms; compiling %.1f ms; %d tx; %s; asked %d; %s at %.6f s)%n",
					block.millis(), block.wireMillis(), block.pausedMillis(), block.compilingMillis(),
					block.found().block().transactions().size(), block.last(), block.asked(), block.found().finder(),
					block.found().nanos() / 1e9));
		takenUp(reached);
		List<Double> withoutPause = reached.stream()
			.filter(block -> block.pausedMillis() == 0)
			.map(Reached::millis)
			.toList();
		int withPause = reached.size() - withoutPause.size();
		List<Double> notAsked = reached.stream().filter(block -> block.asked() == 0).map(Reached::millis).toList();
		Latencies rebuiltAlone = new Latencies(notAsked);
		System.out.printf("== %d of %d blocks had some miner ask for transactions (a round trip to the sender); the "
				+ "others: p50 %.2f ms, p99 %.2f ms%n", reached.size() - notAsked.size(), reached.size(),
				rebuiltAlone.p(50), rebuiltAlone.p(99));
		Latencies unpaused = new Latencies(withoutPause);
		System.out.printf("== %d of %d blocks had a collector pause on the way (%d pauses so far in this JVM); the others: "
				+ "p50 %.2f ms, p99 %.2f ms%n", withPause, reached.size(), GC.count(), unpaused.p(50), unpaused.p(99));
		Latencies uncompiled = new Latencies(reached.stream()
			.filter(block -> block.compilingMillis() < COMPILING_MILLIS)
			.map(Reached::millis)
			.toList());
		System.out.printf("== %d of %d blocks had %.0f ms or more of JIT compilation on the way; the others: p50 %.2f ms, "
				+ "p99 %.2f ms%n", reached.size() - uncompiled.count(), reached.size(), COMPILING_MILLIS,
				uncompiled.p(50), uncompiled.p(99));
		found.sort((a, b) -> Integer.compare(a.block().transactions().size(), b.block().transactions().size()));
		Block median = found.get(found.size() / 2).block();
		int bytes = messageBytes(median, true);
		int wholeBytes = messageBytes(median, false);
		Latencies onTheWire = new Latencies(wire);
		System.out.printf("== median block: %d transactions, %d bytes compact, %d bytes whole; found to a plain "
				+ "subscriber's receipt p50 %.2f ms, p99 %.2f ms%n", median.transactions().size(), bytes, wholeBytes,
				onTheWire.p(50), onTheWire.p(99));
		Latencies latencies = new Latencies(reached.stream().map(Reached::millis).toList());
		System.out.printf("== beside the fleet, raw messages of %d bytes: p50 %.2f ms, p99 %.2f ms over %d%n", besideBytes,
				beside.p(50), beside.p(99), beside.count());
		return new Fleet(latencies, incomplete, median, bytes, wholeBytes, parameters, withPause, unpaused, beside,
				besideBytes);
	}

	/**
	 * Splits each block's way to the miners at the moment each took the block message up (its block channel): the
	 * wait before (broker, Paho, the callback thread's queue) and the miner's own handling after (decoding, rebuilding,
	 * validating, storing, with whatever waits for a core on the way).
	 */
	private static void takenUp(List<Reached> reached) {
		Map<String, long[]> arrivals = new HashMap<>();
		TAKEN_UP.forEach((miner, times) -> arrivals.put(miner,
				times.stream().mapToLong(Long::longValue).sorted().toArray()));
		List<Double> firstUp = new ArrayList<>();
		List<Double> middleUp = new ArrayList<>();
		List<Double> lastUp = new ArrayList<>();
		List<Double> handling = new ArrayList<>();
		List<Double> lastHandling = new ArrayList<>();
		// per block, the split of the handling in lastHandling (null where it has none)
		List<long[]> slowestSplits = new ArrayList<>();
		for (Reached block : reached) {
			long found = block.found().nanos();
			List<Double> ups = new ArrayList<>();
			double maxHandling = 0;
			String slowest = null;
			for (Map.Entry<String, Long> accepted : ACCEPTED.get(block.found().block().hash().hex()).entrySet()) {
				long[] times = arrivals.get(accepted.getKey());
				if (accepted.getKey().equals(block.found().finder()) || times == null) {
					continue;
				}
				int at = Arrays.binarySearch(times, found);
				at = (at < 0) ? -at - 1 : at;
				if (at >= times.length || times[at] > accepted.getValue()) {
					continue;
				}
				double up = (times[at] - found) / 1e6;
				double handled = (accepted.getValue() - times[at]) / 1e6;
				ups.add(up);
				if (handled > maxHandling || slowest == null) {
					maxHandling = handled;
					slowest = accepted.getKey();
				}
				handling.add(handled);
			}
			Collections.sort(ups);
			if (!ups.isEmpty()) {
				firstUp.add(ups.get(0));
				middleUp.add(ups.get(ups.size() / 2));
			}
			// one entry a block, 0 without receivers, as the slow blocks below are read by index
			lastUp.add(ups.isEmpty() ? 0 : ups.get(ups.size() - 1));
			lastHandling.add(maxHandling);
			slowestSplits.add((slowest == null) ? null
					: HANDLED.getOrDefault(block.found().block().hash().hex(), Map.of()).get(slowest));
		}
		Latencies up = new Latencies(lastUp);
		Latencies each = new Latencies(handling);
		Latencies longest = new Latencies(lastHandling);
		System.out.printf("== taken up by the last miner to take it up: p50 %.2f ms, p99 %.2f ms; a miner's own "
				+ "handling: p50 %.2f ms, p99 %.2f ms, the longest of a block p50 %.2f ms, p99 %.2f ms%n", up.p(50),
				up.p(99), each.p(50), each.p(99), longest.p(50), longest.p(99));
		System.out.printf("== taken up by the first receiver: p50 %.2f ms; by the middle one: p50 %.2f ms%n",
				new Latencies(firstUp).p(50), new Latencies(middleUp).p(50));
		for (int i = 0; i < Math.min(5, reached.size()); i++) {
			System.out.printf("==   slow block %d: %.2f ms; last taken up at %.2f ms; longest handling %.2f ms%s%n",
					i + 1, reached.get(i).millis(), lastUp.get(i), lastHandling.get(i), split(slowestSplits.get(i)));
		}
		handlingSplit(reached, slowestSplits);
	}

	private static String split(long[] split) {
		return (split == null) ? ""
				: String.format(" (on a core %.2f, waiting for one %.2f, neither %.2f)", split[1] / 1e6, split[2] / 1e6,
						(split[0] - split[1] - split[2]) / 1e6);
	}

	/**
	 * Where the handling of the measured blocks went: over every receiver's handling, and over the longest handling
	 * of each block, the shares on a core, waiting for a core, and neither.
	 */
	private static void handlingSplit(List<Reached> reached, List<long[]> slowestSplits) {
		long[] all = new long[3];
		long[] longest = new long[3];
		int counted = 0;
		for (int b = 0; b < reached.size(); b++) {
			Map<String, long[]> byMiner = HANDLED.getOrDefault(reached.get(b).found().block().hash().hex(), Map.of());
			byMiner.values().forEach(split -> Arrays.setAll(all, i -> all[i] + split[i]));
			long[] max = slowestSplits.get(b);
			if (max != null) {
				Arrays.setAll(longest, i -> longest[i] + max[i]);
				counted++;
			}
		}
		if (counted == 0) {
			System.out.println("== handling split: no /proc/thread-self/schedstat here");
			return;
		}
		System.out.printf("== handling split, every receiver: %.0f %% on a core, %.0f %% waiting for one, %.0f %% "
				+ "neither; the longest of each block (%d blocks): %.0f %% / %.0f %% / %.0f %%, %.2f ms on average%n",
				100.0 * all[1] / all[0], 100.0 * all[2] / all[0], 100.0 * (all[0] - all[1] - all[2]) / all[0], counted,
				100.0 * longest[1] / longest[0], 100.0 * longest[2] / longest[0],
				100.0 * (longest[0] - longest[1] - longest[2]) / longest[0], longest[0] / 1e6 / counted);
	}

	/** Median of 20 runs of the block rules (proof of work, merkle root, transaction ids, ...) on {@code block}. */
	private static double validationMillis(Block block, ChainParameters parameters) {
		BlockValidator validator = BlockValidator.standard(parameters);
		double[] runs = new double[20];
		for (int i = 0; i < runs.length; i++) {
			long start = System.nanoTime();
			validator.checkBlock(block, block.header().timestamp());
			runs[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(runs);
		return runs[runs.length / 2];
	}

	/**
	 * The raw broker on an idle machine, after the fleet has stopped: {@code messages} messages of {@code bytes} bytes
	 * through a {@link RawProbe}.
	 */
	static Latencies rawBroker(String broker, int subscribers, int bytes, int messages) throws Exception {
		try (RawProbe probe = RawProbe.start(broker, subscribers, bytes)) {
			probe.awaitSent(messages, Duration.ofMinutes(5));
			return probe.stop();
		}
	}

	/**
	 * A plain Paho publisher and {@code subscribers} plain Paho subscribers (TCP_NODELAY, QoS 1, as the miners) on one
	 * broker: messages of a given size, 20 a second, on a thread of its own until stopped; per message, the time until
	 * the last subscriber has it.
	 */
	static final class RawProbe implements AutoCloseable {

		private static final int PER_SECOND = 20;

		private final List<MqttClient> clients = new ArrayList<>();

		private final Map<Integer, long[]> received = new ConcurrentHashMap<>();

		private final Map<Integer, Long> sent = new ConcurrentHashMap<>();

		private final int subscribers;

		private final Thread publishing;

		private volatile boolean stopping;

		private RawProbe(String broker, int subscribers, int bytes) throws Exception {
			this.subscribers = subscribers;
			String topic = "propagation-raw/" + System.nanoTime();
			for (int s = 0; s < subscribers; s++) {
				MqttClient client = connect(broker, "raw-sub-" + s);
				clients.add(client);
				client.subscribe(topic, 1, (t, message) -> {
					long now = System.nanoTime();
					byte[] payload = message.getPayload();
					int id = ((payload[0] & 0xff) << 16) | ((payload[1] & 0xff) << 8) | (payload[2] & 0xff);
					long[] last = received.computeIfAbsent(id, k -> new long[2]);
					synchronized (last) {
						last[0] = Math.max(last[0], now);
						last[1]++;
					}
				});
			}
			MqttClient publisher = connect(broker, "raw-pub");
			clients.add(publisher);
			byte[] payload = new byte[Math.max(3, bytes)];
			this.publishing = new Thread(() -> {
				try {
					for (int i = 0; !stopping; i++) {
						payload[0] = (byte) (i >>> 16);
						payload[1] = (byte) (i >>> 8);
						payload[2] = (byte) i;
						sent.put(i, System.nanoTime());
						publisher.publish(topic, payload.clone(), 1, false);
						Thread.sleep(1000 / PER_SECOND);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				catch (Exception ex) {
					System.out.println("== raw publisher stopped: " + ex);
				}
			}, "raw-publisher");
			this.publishing.start();
		}

		static RawProbe start(String broker, int subscribers, int bytes) throws Exception {
			return new RawProbe(broker, subscribers, bytes);
		}

		void awaitSent(int messages, Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (sent.size() < messages && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
		}

		/**
		 * Stops publishing, waits up to 10 s for what is in flight, and returns the latency of every message all
		 * subscribers got.
		 */
		Latencies stop() throws InterruptedException {
			stopping = true;
			publishing.join();
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (!allReceived() && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			List<Double> millis = new ArrayList<>();
			for (Map.Entry<Integer, Long> message : sent.entrySet()) {
				long[] last = received.get(message.getKey());
				if (last != null) {
					synchronized (last) {
						if (last[1] == subscribers) {
							millis.add((last[0] - message.getValue()) / 1e6);
						}
					}
				}
			}
			return new Latencies(millis);
		}

		private boolean allReceived() {
			return sent.keySet().stream().allMatch(id -> {
				long[] last = received.get(id);
				if (last == null) {
					return false;
				}
				synchronized (last) {
					return last[1] == subscribers;
				}
			});
		}

		@Override
		public void close() throws Exception {
			stopping = true;
			publishing.interrupt();
			publishing.join();
			for (MqttClient client : clients) {
				client.disconnectForcibly(1_000);
				client.close();
			}
		}

	}

	private static MqttClient connect(String broker, String id) throws Exception {
		MqttClient client = new MqttClient(broker, id + "-" + System.nanoTime(), new MemoryPersistence());
		MqttConnectOptions options = new MqttConnectOptions();
		options.setCleanSession(true);
		options.setMaxInflight(1000);
		options.setSocketFactory(new NoDelaySocketFactory());
		client.connect(options);
		return client;
	}

	/** Latencies in milliseconds, nearest-rank percentiles. */
	record Latencies(List<Double> millis) {

		Latencies {
			millis = millis.stream().sorted().toList();
		}

		int count() {
			return millis.size();
		}

		double p(int percent) {
			if (millis.isEmpty()) {
				return Double.NaN;
			}
			int rank = (int) Math.ceil(percent / 100.0 * millis.size());
			return millis.get(Math.max(0, rank - 1));
		}

		double max() {
			return millis.isEmpty() ? Double.NaN : millis.get(millis.size() - 1);
		}

	}

	/** Records, for every miner of the fleet, the blocks it found and those it accepted. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Recorder {

		/** On the thread that took a block message up: when, and its {@link SchedStat} then. */
		private static final ThreadLocal<long[]> TAKE_UP = new ThreadLocal<>();

		/**
		 * Notes when each NEWBLOCK message reaches a miner's block channel (on the MQTT client's callback thread,
		 * before decoding), so a slow block's time splits into the wait before the miner took it up and the miner's
		 * own handling.
		 */
		@Bean
		static BeanPostProcessor blockArrivalRecorder(Environment environment) {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if ("newBlockChannel".equals(name) && bean instanceof AbstractMessageChannel channel) {
						String id = environment.getProperty("miner.id");
						channel.addInterceptor(new ChannelInterceptor() {
							@Override
							public Message<?> preSend(Message<?> message, MessageChannel sent) {
								long now = System.nanoTime();
								TAKEN_UP.computeIfAbsent(id, k -> new ConcurrentLinkedQueue<>()).add(now);
								long[] sched = SchedStat.read();
								TAKE_UP.set((sched == null) ? null : new long[] { now, sched[0], sched[1] });
								return message;
							}

							@Override
							public void afterSendCompletion(Message<?> message, MessageChannel sent, boolean wasSent,
									Exception ex) {
								// the whole handling runs within the send: a block stored later (after a round trip
								// for transactions, or by sync) has no split
								TAKE_UP.remove();
							}
						});
					}
					return bean;
				}
			};
		}

		@Bean
		NodeObserver propagationRecorder(MinerProperties miner) {
			String id = miner.id();
			return new NodeObserver() {

				@Override
				public void blockMined(StoredBlock block) {
					long now = System.nanoTime();
					FOUND.put(block.hash().hex(), new Found(id, now, block.block()));
					ACCEPTED.computeIfAbsent(block.hash().hex(), k -> new ConcurrentHashMap<>()).put(id, now);
				}

				@Override
				public void blockReceived(String from, AddResult result, Optional<Duration> propagationDelay) {
					long now = System.nanoTime();
					stored(result).forEach(hash -> ACCEPTED.computeIfAbsent(hash, k -> new ConcurrentHashMap<>())
						.putIfAbsent(id, now));
					// within the handling of a block message taken up on this thread
					long[] start = TAKE_UP.get();
					long[] sched = (start == null) ? null : SchedStat.read();
					if (sched != null) {
						long[] split = { now - start[0], sched[0] - start[1], sched[1] - start[2] };
						stored(result).forEach(hash -> HANDLED.computeIfAbsent(hash, k -> new ConcurrentHashMap<>())
							.putIfAbsent(id, split));
					}
				}

			};
		}

		/** The blocks a result stored: a block may connect waiting orphans too. */
		private static List<String> stored(AddResult result) {
			if (result instanceof AddResult.Extended extended) {
				return extended.connected().stream().map(block -> block.hash().hex()).toList();
			}
			if (result instanceof AddResult.Reorganized reorg) {
				return reorg.connected().stream().map(block -> block.hash().hex()).toList();
			}
			if (result instanceof AddResult.SideChain side) {
				return List.of(side.block().hash().hex());
			}
			return List.of();
		}

	}

}
