package dev.minerfleet.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import dev.minerfleet.fleet.FleetOptions;
import dev.minerfleet.fleet.LocalFleet;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.node.MinerControl;

/**
 * Runs an experiment: for each ratio a fresh local fleet (embedded broker, {@code miners} miners each capped at the
 * same hash rate, a fixed difficulty, every miner's inbound messages delayed by ratio × interval) mines until its
 * main chain is {@code blocks} long. Then mining pauses, the fleet settles on one chain, and the blocks found that are
 * not on it are the stale ones. Results go to {@code results.csv} and {@code results.md} in the output directory,
 * and progress to {@code out}.
 */
public final class ExperimentRunner {

	private static final Duration POLL = Duration.ofMillis(100);

	private static final Duration PROGRESS = Duration.ofSeconds(10);

	private final ExperimentOptions options;

	private final PrintStream out;

	public ExperimentRunner(ExperimentOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	/** Runs every setting in turn, writes the results and returns them. */
	public List<ExperimentResult> run() throws IOException, InterruptedException {
		out.printf("Experiment: %d miners of %,d hashes/s each, 2^%d hashes a block, block interval %d ms,"
				+ " %d blocks per setting, ratios %s%n", options.miners(), options.hashRatePerMiner(),
				options.difficultyBits(), options.blockInterval().toMillis(), options.blocks(), options.ratios());
		List<ExperimentResult> results = new ArrayList<>();
		for (double ratio : options.ratios()) {
			ExperimentResult result = runOne(ratio);
			results.add(result);
			out.printf("ratio %s: %d of %d blocks stale (%.1f%%), predicted %.1f%%%n", ratio,
					result.staleRate().stale(), result.staleRate().total(), 100 * result.staleRate().rate(),
					100 * result.predicted());
		}
		Files.createDirectories(options.out());
		Files.writeString(options.out().resolve("results.csv"), ExperimentReport.csv(results), StandardCharsets.UTF_8);
		Files.writeString(options.out().resolve("results.md"), ExperimentReport.markdown(results),
				StandardCharsets.UTF_8);
		out.println();
		out.print(ExperimentReport.markdown(results));
		out.println();
		out.println("Written to " + options.out().resolve("results.csv") + " and " + options.out().resolve("results.md"));
		return results;
	}

	private ExperimentResult runOne(double ratio) throws IOException, InterruptedException {
		Duration delay = options.delayFor(ratio);
		out.printf("%nratio %s: inbound delay %d ms on every miner%n", ratio, delay.toMillis());
		try (LocalFleet fleet = LocalFleet.start(fleetOptions(delay), out)) {
			long started = System.nanoTime();
			List<ChainService> chains = fleet.miners()
				.stream()
				.map(miner -> miner.context().getBean(ChainService.class))
				.toList();
			List<MinerControl> controls = fleet.miners()
				.stream()
				.map(miner -> miner.context().getBean(MinerControl.class))
				.toList();
			long lastReport = started;
			while (mainChain(chains) < options.blocks()) {
				Thread.sleep(POLL.toMillis());
				if (System.nanoTime() - lastReport >= PROGRESS.toNanos()) {
					lastReport = System.nanoTime();
					out.printf("  ratio %s: main chain %d of %d blocks, %d found, %d s%n", ratio, mainChain(chains),
							options.blocks(), found(chains), Duration.ofNanos(lastReport - started).toSeconds());
				}
			}
			controls.forEach(MinerControl::pauseMining);
			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			settle(chains, controls, delay);
			long found = found(chains);
			int height = chains.get(0).snapshot().height();
			Duration interval = Duration.ofNanos(elapsed.toNanos() / Math.max(1, found));
			return new ExperimentResult(ratio, delay, options.miners(), new StaleRate(found - height, found), height,
					interval, elapsed);
		}
	}

	private FleetOptions fleetOptions(Duration delay) {
		List<String> args = new ArrayList<>();
		args.add("--chain.difficulty-bits=" + options.difficultyBits());
		args.add("--chain.retarget-interval=0");
		args.add("--chain.block-interval=" + options.blockInterval().toMillis() + "ms");
		args.add("--mining.threads=1");
		args.add("--mining.max-hash-rate=" + options.hashRatePerMiner());
		args.add("--network.delay=" + delay.toMillis() + "ms");
		if (options.minerArguments().stream().noneMatch(arg -> arg.startsWith("--logging.level.dev.minerfleet="))) {
			// one line per block and miner would drown the progress
			args.add("--logging.level.dev.minerfleet=warn");
		}
		args.addAll(options.minerArguments());
		return new FleetOptions(options.miners(), options.firstPort(), "127.0.0.1", options.brokerPort(),
				Optional.empty(), Optional.empty(), args);
	}

	/**
	 * Waits until every miner has the same tip. Blocks still on their way arrive within the delay; a tie of two
	 * branches of equal work never resolves on its own while nobody mines, so then the first miner alone mines until
	 * all agree (its blocks race nobody, and count as found and on the chain alike).
	 */
	private static void settle(List<ChainService> chains, List<MinerControl> controls, Duration delay)
			throws InterruptedException {
		BooleanSupplier agree = () -> chains.stream().map(chain -> chain.snapshot().tip().hash()).distinct().count() == 1;
		if (waitFor(agree, delay.multipliedBy(3).plusSeconds(5))) {
			return;
		}
		controls.get(0).resumeMining();
		try {
			if (!waitFor(agree, Duration.ofSeconds(120))) {
				throw new IllegalStateException("the miners did not settle on one chain within 2 minutes");
			}
		}
		finally {
			controls.get(0).pauseMining();
		}
		// a block the first miner found while pausing must reach the others too
		waitFor(agree, delay.multipliedBy(3).plusSeconds(5));
	}

	private static boolean waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(POLL.toMillis());
		}
		return true;
	}

	private static int mainChain(List<ChainService> chains) {
		return chains.stream().mapToInt(chain -> chain.snapshot().height()).min().orElse(0);
	}

	private static long found(List<ChainService> chains) {
		return chains.stream().mapToLong(chain -> chain.statistics().blocksMined()).sum();
	}

}
