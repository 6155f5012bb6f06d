package dev.minerfleet.chain;

import java.math.BigInteger;

/**
 * The target each height must carry, derived from the chain alone so that every miner expects the
 * same one.
 *
 * <p>
 * With retargeting off, every block carries the initial target. With an interval N, a block whose
 * height h is a multiple of N gets a new target; every other block carries its parent's. The new
 * target scales the parent's by how long the last window actually took against how long it should
 * have taken: the window runs from block {@code max(1, h-N)} to block {@code h-1} (genesis is left
 * out: its timestamp is a constant, not a measurement), spans {@code k} intervals, and should have
 * taken {@code k * targetBlockInterval}. As in Bitcoin, the measured span is clamped to a factor
 * of 4 either way and the result to {@link ChainParameters#easiestTarget()}; the new target is then rounded down to
 * its compact form. Integer arithmetic only, so the result is the same on every machine.
 */
public final class DifficultyAdjustment {

	private final ChainParameters parameters;

	public DifficultyAdjustment(ChainParameters parameters) {
		this.parameters = parameters;
	}

	/** Whether a block at this height gets a new target. */
	public boolean isRetargetHeight(int height) {
		int interval = parameters.retargetInterval();
		return interval > 0 && height % interval == 0 && height > 0;
	}

	/**
	 * The target of the block after {@code parent}.
	 * @param ancestry how to find an ancestor of {@code parent} at a given height on its branch
	 */
	public Target nextTarget(StoredBlock parent, Ancestry ancestry) {
		Target parentTarget = parent.header().target();
		int height = parent.height() + 1;
		if (!isRetargetHeight(height)) {
			return parentTarget;
		}
		int firstHeight = Math.max(1, height - parameters.retargetInterval());
		int intervals = parent.height() - firstHeight;
		if (intervals < 1) {
			return parentTarget;
		}
		StoredBlock first = ancestry.ancestor(parent, firstHeight);
		return retarget(parentTarget, parent.timestamp() - first.timestamp(), intervals);
	}

	/** The target after a window of {@code intervals} blocks that took {@code actualMillis}. */
	public Target retarget(Target previous, long actualMillis, int intervals) {
		long expected = parameters.targetBlockInterval().toMillis() * intervals;
		long clamped = Math.max(expected / ChainParameters.MAX_TIME_FACTOR,
				Math.min(expected * ChainParameters.MAX_TIME_FACTOR, actualMillis));
		clamped = Math.max(1, clamped);
		BigInteger next = previous.value().multiply(BigInteger.valueOf(clamped)).divide(BigInteger.valueOf(expected));
		Target easiest = parameters.easiestTarget();
		if (next.compareTo(easiest.value()) > 0) {
			return easiest;
		}
		if (next.signum() == 0) {
			next = BigInteger.ONE;
		}
		return Target.fromValue(next);
	}

	/** Finds ancestors on one branch of the block tree. */
	@FunctionalInterface
	public interface Ancestry {

		/** The ancestor of {@code block} at {@code height}, which is at most its height. */
		StoredBlock ancestor(StoredBlock block, int height);

	}

}
