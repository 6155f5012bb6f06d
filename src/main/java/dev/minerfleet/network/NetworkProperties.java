package dev.minerfleet.network;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.Delimiter;

/**
 * The network conditions a miner starts with (README, "Network conditions"); PUT /admin/network replaces them at run
 * time. Out-of-range values fail start-up with the reason.
 *
 * @param delay fixed delay of every message received from another miner (NETWORK_DELAY), such as 300ms
 * @param jitter random extra delay (NETWORK_JITTER): its bound, mean or standard deviation by
 * {@code jitterDistribution}
 * @param jitterDistribution {@code uniform}, {@code exponential} or {@code normal} (NETWORK_JITTER_DISTRIBUTION)
 * @param loss probability that a received message is lost, 0 to 1 (NETWORK_LOSS)
 * @param partitions groups of miners that hear each other (NETWORK_PARTITIONS): ';' between groups, ',' between the
 * miner ids of a group, such as {@code miner-1,miner-2;miner-3}; or a list with one group or more per element
 * @param seed seed of the loss and jitter draws, for runs that repeat (NETWORK_SEED); none draws differently each time
 */
@ConfigurationProperties("network")
public record NetworkProperties(@DefaultValue("0s") Duration delay, @DefaultValue("0s") Duration jitter,
		@DefaultValue("uniform") JitterDistribution jitterDistribution, @DefaultValue("0") double loss,
		@Delimiter(Delimiter.NONE) @DefaultValue List<String> partitions, Optional<Long> seed) {

	public NetworkProperties {
		partitions = List.copyOf(partitions);
		seed = (seed == null) ? Optional.empty() : seed;
	}

	/**
	 * The conditions these settings describe.
	 * @throws IllegalArgumentException saying which setting is out of range
	 */
	public NetworkConditions conditions() {
		return new NetworkConditions(delay, jitter, jitterDistribution, loss, Partitions.parse(partitions));
	}

	/** The generator of loss and jitter draws: seeded when {@code seed} is set. */
	public RandomGenerator random() {
		return seed.<RandomGenerator>map(SplittableRandom::new).orElseGet(SplittableRandom::new);
	}

}
