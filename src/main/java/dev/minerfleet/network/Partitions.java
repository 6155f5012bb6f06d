package dev.minerfleet.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which miners can hear each other: groups of miner ids. The rule, for a receiver and a sender:
 * <ul>
 * <li>no groups: everyone hears everyone;</li>
 * <li>the receiver hears the sender when some group holds both;</li>
 * <li>the miners that no group names form one more, implicit group: they hear each other, and no named miner.</li>
 * </ul>
 * So {@code [[miner-1, miner-2]]} cuts miner-1 and miner-2 off from the rest of the fleet, which still hears itself,
 * and {@code [[miner-1], [miner-2]]} isolates both. A miner may be in several groups, a bridge between them: with
 * {@code [[a, b], [b, c]]}, b hears a and c, but a and c do not hear each other.
 *
 * <p>
 * The rule is applied by each receiver to what it receives: to cut two miners apart both ways, give both the same
 * groups.
 *
 * @param groups each a non-empty set of miner ids, in the order given
 */
public record Partitions(List<Set<String>> groups) {

	/** No partitions: everyone hears everyone. */
	public static final Partitions NONE = new Partitions(List.of());

	/** What {@code miner.id} allows. */
	private static final Pattern MINER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final int MAX_GROUPS = 1000;

	public Partitions {
		if (groups.size() > MAX_GROUPS) {
			throw new IllegalArgumentException("partitions may have at most " + MAX_GROUPS + " groups");
		}
		List<Set<String>> copy = new ArrayList<>(groups.size());
		for (Set<String> group : groups) {
			if (group == null || group.isEmpty()) {
				throw new IllegalArgumentException("a partition group must name at least one miner");
			}
			for (String id : group) {
				if (id == null || !MINER_ID.matcher(id).matches()) {
					throw new IllegalArgumentException("partitions must hold miner ids (1 to 64 letters, digits, '.',"
							+ " '-' or '_'), got '" + id + "'");
				}
			}
			copy.add(Collections.unmodifiableSet(new LinkedHashSet<>(group)));
		}
		groups = List.copyOf(copy);
	}

	/** Partitions from lists of miner ids; duplicates within a group count once. */
	public static Partitions of(List<? extends List<String>> groups) {
		return new Partitions(groups.stream().<Set<String>>map(LinkedHashSet::new).toList());
	}

	/**
	 * Partitions written as text, as {@code network.partitions} takes them: groups separated by ';', miner ids within
	 * a group by ','; blanks around them and empty groups are ignored. {@code "miner-1,miner-2;miner-3"} is two groups.
	 * Each element of {@code texts} may hold one group or several.
	 */
	public static Partitions parse(List<String> texts) {
		List<Set<String>> groups = new ArrayList<>();
		for (String text : texts) {
			for (String group : text.split(";")) {
				Set<String> ids = new LinkedHashSet<>();
				for (String id : group.split(",")) {
					if (!id.isBlank()) {
						ids.add(id.trim());
					}
				}
				if (!ids.isEmpty()) {
					groups.add(ids);
				}
			}
		}
		return new Partitions(groups);
	}

	public boolean isEmpty() {
		return groups.isEmpty();
	}

	/** Whether {@code receiver} hears what {@code sender} publishes (the rule above). */
	public boolean connects(String receiver, String sender) {
		if (groups.isEmpty() || receiver.equals(sender)) {
			return true;
		}
		boolean receiverNamed = false;
		boolean senderNamed = false;
		for (Set<String> group : groups) {
			boolean hasReceiver = group.contains(receiver);
			boolean hasSender = group.contains(sender);
			if (hasReceiver && hasSender) {
				return true;
			}
			receiverNamed |= hasReceiver;
			senderNamed |= hasSender;
		}
		return !receiverNamed && !senderNamed;
	}

	/** The groups as text, in {@link #parse} syntax, such as {@code miner-1,miner-2;miner-3}. */
	@Override
	public String toString() {
		List<String> texts = groups.stream().map(group -> String.join(",", group)).toList();
		return texts.isEmpty() ? "none" : String.join(";", texts);
	}

}
