package dev.minerfleet.network;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The network as one miner hears it: each message from another miner is dropped from a partitioned-away sender, lost
 * with probability {@code loss}, or delivered {@code delay} plus a jitter drawn from {@code jitterDistribution} after
 * it arrived. Messages from one sender are delivered in the order they arrived whatever their draws
 * ({@link DelayLine}).
 *
 * @param delay fixed delay, 0 to {@link #MAX_DELAY}
 * @param jitter scale of the random extra delay, 0 to {@link #MAX_DELAY}: the bound of {@code uniform}, the mean of
 * {@code exponential}, the standard deviation of the half-normal {@code normal}
 * @param jitterDistribution how the jitter is drawn
 * @param loss probability that a message is lost, 0 to 1
 * @param partitions who hears whom
 */
public record NetworkConditions(Duration delay, Duration jitter, JitterDistribution jitterDistribution, double loss,
		Partitions partitions) {

	/** The longest delay or jitter accepted. */
	public static final Duration MAX_DELAY = Duration.ofHours(1);

	/** A perfect network: no delay, no loss, no partitions. */
	public static final NetworkConditions NONE = new NetworkConditions(Duration.ZERO, Duration.ZERO,
			JitterDistribution.UNIFORM, 0, Partitions.NONE);

	/** @throws IllegalArgumentException saying which value is out of range, and what it was */
	public NetworkConditions {
		checkDuration("delay", delay);
		checkDuration("jitter", jitter);
		if (jitterDistribution == null) {
			throw new IllegalArgumentException("jitterDistribution must be one of " + JitterDistribution.choices());
		}
		if (!(loss >= 0 && loss <= 1)) {
			throw new IllegalArgumentException("loss must be between 0 and 1, got " + loss);
		}
		if (partitions == null) {
			throw new IllegalArgumentException("partitions must be a list of groups, empty for none");
		}
	}

	private static void checkDuration(String name, Duration value) {
		if (value == null) {
			throw new IllegalArgumentException(name + " is required");
		}
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, got " + value);
		}
		if (value.compareTo(MAX_DELAY) > 0) {
			throw new IllegalArgumentException(name + " must be at most " + MAX_DELAY + ", got " + value);
		}
	}

	/** Whether messages wait at all: a delay or a jitter is set. */
	public boolean delays() {
		return !delay.isZero() || !jitter.isZero();
	}

	/** Whether these conditions change nothing: every message is delivered at once. */
	public boolean isPerfect() {
		return !delays() && loss == 0 && partitions.isEmpty();
	}

	/** Whether a message from {@code sender} reaches {@code receiver} at all: see {@link Partitions}. */
	public boolean hears(String receiver, String sender) {
		return partitions.connects(receiver, sender);
	}

	/** One loss draw: true when the message is lost. */
	public boolean loses(RandomGenerator random) {
		return loss > 0 && random.nextDouble() < loss;
	}

	/** One message's delay in nanoseconds: the fixed delay plus a jitter draw. */
	public long sampleDelayNanos(RandomGenerator random) {
		return delay.toNanos() + jitterDistribution.sampleNanos(jitter.toNanos(), random);
	}

	public NetworkConditions withPartitions(Partitions partitions) {
		return new NetworkConditions(delay, jitter, jitterDistribution, loss, partitions);
	}

	/** One line for the log, such as {@code delay 300ms + uniform jitter 50ms, loss 0.1, partitions miner-1;miner-2}. */
	public String summary() {
		if (isPerfect()) {
			return "none";
		}
		return "delay " + delay.toMillis() + "ms" + (jitter.isZero() ? ""
				: " + " + jitterDistribution.tag() + " jitter " + jitter.toMillis() + "ms") + ", loss " + loss
				+ ", partitions " + partitions;
	}

}
