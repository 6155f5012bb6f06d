package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Does retargeting keep the configured block interval whatever the fleet's hash power? Drives the real
 * {@link DifficultyAdjustment} with simulated blocks, no threads and no hashing: a fleet of hash rate {@code H} finds a
 * block at target {@code T} after an exponentially distributed time of mean {@code T.work() / H} (each hash meets the
 * target with probability {@code 1 / work}). The chain is the default one: 20 leading zero bits at first, a retarget
 * every 20 blocks toward 5 s.
 *
 * <p>
 * A miner capped at 50,000 hashes/s takes about 21 s per block at the initial target; ten of them about 2.1 s. The
 * clamp of {@value ChainParameters#MAX_TIME_FACTOR}x per window means a fleet more than 4x off the initial target
 * needs more than one window to get there, hence the warm-up windows before the measured ones.
 *
 * <p>
 * Outside the clamp, the target after a window depends only on that window's times and the fleet's hash rate, not on
 * the target before it: one window is enough to settle whatever the fleet size. The interval it settles at is a
 * little above the configured one (5.1 to 5.5 s for these seeds): a window estimates the hash rate from the sum of 19
 * exponential intervals, and the mean of 1/sum is 19/18 of 1/mean, about 5.6% slow. Bitcoin's retarget has the same
 * bias; it lies well inside the tolerance.
 */
class RetargetSimulationTests {

	private static final ChainParameters CHAIN = ChainParameters.defaults()
		.withInitialTarget(Target.ofLeadingZeroBits(20))
		.withRetargeting(20, Duration.ofSeconds(5));

	private static final double MINER = 50_000;

	private static final int WINDOW = CHAIN.retargetInterval();

	private static final double TOLERANCE = 0.25;

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 2, 3, 4, 5 })
	void oneSmallMinerGetsTheConfiguredIntervalAfterAFewWindows(long seed) {
		Simulation run = Simulation.run(seed, 15 * WINDOW, height -> MINER);
		assertThat(run.meanIntervalSeconds(10 * WINDOW, 15 * WINDOW)).as("mean interval of windows 10-14")
			.isCloseTo(5.0, withinTolerance());
	}

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 2, 3, 4, 5 })
	void tenTimesTheHashPowerGetsTheSameInterval(long seed) {
		Simulation run = Simulation.run(seed, 15 * WINDOW, height -> 10 * MINER);
		assertThat(run.meanIntervalSeconds(10 * WINDOW, 15 * WINDOW)).as("mean interval of windows 10-14")
			.isCloseTo(5.0, withinTolerance());
		// and the difficulty it settles at is about ten times the single miner's
		Simulation single = Simulation.run(seed, 15 * WINDOW, height -> MINER);
		double ratio = run.workAt(15 * WINDOW - 1) / single.workAt(15 * WINDOW - 1);
		assertThat(ratio).as("work per block, ten miners over one").isBetween(10 * 0.6, 10 / 0.6);
	}

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 2, 3, 4, 5 })
	void aFleetThatGrowsTenfoldIsBackOnIntervalTwoWindowsLater(long seed) {
		// one miner for 10 windows, then nine more join
		int joined = 10 * WINDOW;
		Simulation run = Simulation.run(seed, 20 * WINDOW, height -> (height < joined) ? MINER : 10 * MINER);
		// the window after the jump runs about 10x too fast; its retarget is clamped to 4x, so the next one runs
		// 2.5x too fast; the one after that is on interval
		assertThat(run.meanIntervalSeconds(joined, joined + WINDOW)).as("first window after the jump")
			.isLessThan(5.0 / 4);
		assertThat(run.meanIntervalSeconds(joined + WINDOW, joined + 2 * WINDOW)).as("second window after the jump")
			.isLessThan(4.0);
		assertThat(run.meanIntervalSeconds(joined + 2 * WINDOW, joined + 10 * WINDOW))
			.as("mean interval from the third window after the jump on")
			.isCloseTo(5.0, withinTolerance());
	}

	private static org.assertj.core.data.Offset<Double> withinTolerance() {
		return org.assertj.core.data.Offset.offset(5.0 * TOLERANCE);
	}

	/** A chain of simulated blocks, each with the target retargeting gave it and a sampled timestamp. */
	private static final class Simulation {

		private final List<StoredBlock> blocks = new ArrayList<>();

		static Simulation run(long seed, int height, IntToDoubleFunction hashRateAtHeight) {
			SplittableRandom random = new SplittableRandom(seed);
			DifficultyAdjustment adjustment = new DifficultyAdjustment(CHAIN);
			Simulation simulation = new Simulation();
			Block genesis = CHAIN.genesisBlock();
			simulation.blocks.add(new StoredBlock(genesis, genesis.hash(), 0, CHAIN.initialTarget().work(), 0));
			for (int h = 1; h <= height; h++) {
				StoredBlock parent = simulation.blocks.get(h - 1);
				Target target = adjustment.nextTarget(parent, (block, at) -> simulation.blocks.get(at));
				double meanSeconds = target.work().doubleValue() / hashRateAtHeight.applyAsDouble(h);
				double seconds = -Math.log(1 - random.nextDouble()) * meanSeconds;
				long timestamp = parent.timestamp() + Math.max(1, Math.round(seconds * 1000));
				simulation.blocks.add(simulation.stored(parent, h, target, timestamp));
			}
			return simulation;
		}

		private StoredBlock stored(StoredBlock parent, int height, Target target, long timestamp) {
			Transaction coinbase = Transaction.coinbase("sim", height, 0, timestamp, CHAIN.blockReward());
			BlockHeader header = new BlockHeader(CHAIN.version(), parent.hash(), Hash.ZERO, timestamp,
					target.compact(), 0);
			Block block = Block.assemble(header, List.of(coinbase));
			BigInteger work = parent.chainWork().add(target.work());
			return new StoredBlock(block, block.hash(), height, work, height);
		}

		/** Mean seconds between the blocks of heights {@code from} to {@code to}. */
		double meanIntervalSeconds(int from, int to) {
			return (blocks.get(to).timestamp() - blocks.get(from).timestamp()) / 1000.0 / (to - from);
		}

		/** Expected hashes per block at this height's target. */
		double workAt(int height) {
			return blocks.get(height).header().target().work().doubleValue();
		}

	}

}
