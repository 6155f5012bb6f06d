package dev.minerfleet.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

import dev.minerfleet.network.JitterDistribution;
import dev.minerfleet.network.NetworkConditions;
import dev.minerfleet.network.Partitions;

/**
 * A miner's network conditions, as GET /admin/network answers them and PUT /admin/network takes them. Durations are
 * answered as ISO-8601 ({@code "PT0.3S"}) and taken as ISO-8601, as {@code "300ms"}, {@code "2s"}, or as a number of
 * milliseconds. A PUT replaces every field: one it leaves out takes its default (no delay, no jitter, uniform, no loss,
 * no partitions), so {@code {}} restores a perfect network.
 *
 * @param delay fixed delay of every message received from another miner
 * @param jitter random extra delay: the bound of uniform, the mean of exponential, the standard deviation of normal
 * @param jitterDistribution {@code uniform}, {@code exponential} or {@code normal}
 * @param loss probability that a received message is lost, 0 to 1
 * @param partitions groups of miner ids that hear each other; the miners no group names form one more group
 */
public record NetworkView(@Nullable String delay, @Nullable String jitter, @Nullable String jitterDistribution,
		@Nullable Double loss, @Nullable List<@Nullable List<@Nullable String>> partitions) {

	static NetworkView of(NetworkConditions conditions) {
		List<@Nullable List<@Nullable String>> groups = new ArrayList<>();
		for (Set<String> group : conditions.partitions().groups()) {
			groups.add(List.copyOf(group));
		}
		return new NetworkView(conditions.delay().toString(), conditions.jitter().toString(),
				conditions.jitterDistribution().tag(), conditions.loss(), groups);
	}

	/**
	 * The conditions this body asks for.
	 * @throws InvalidRequestException (400) naming the field that is wrong and why
	 */
	NetworkConditions toConditions() {
		try {
			return new NetworkConditions(duration("delay", delay), duration("jitter", jitter),
					(jitterDistribution != null) ? JitterDistribution.of(jitterDistribution)
							: JitterDistribution.UNIFORM,
					(loss != null) ? loss : 0, toPartitions());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(ex.getMessage());
		}
	}

	private static Duration duration(String field, @Nullable String text) {
		if (text == null || text.isBlank()) {
			return Duration.ZERO;
		}
		try {
			return DurationStyle.detectAndParse(text.trim());
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			throw new IllegalArgumentException(field + " must be a duration such as \"300ms\", \"2s\" or \"PT0.3S\", got '"
					+ text + "'");
		}
	}

	private Partitions toPartitions() {
		if (partitions == null) {
			return Partitions.NONE;
		}
		List<Set<String>> groups = new ArrayList<>();
		for (List<@Nullable String> group : partitions) {
			Set<String> ids = new LinkedHashSet<>();
			if (group != null) {
				for (String id : group) {
					if (id == null) {
						throw new IllegalArgumentException("partitions must hold miner ids, got null");
					}
					ids.add(id);
				}
			}
			groups.add(ids);
		}
		return new Partitions(groups);
	}

}
