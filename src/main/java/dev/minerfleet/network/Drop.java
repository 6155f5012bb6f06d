package dev.minerfleet.network;

import java.util.Locale;

/** Why the network conditions dropped a message. */
public enum Drop {

	/** Lost at random, with probability {@code network.loss}. */
	LOSS,
	/** From a miner this one cannot hear ({@code network.partitions}). */
	PARTITION;

	/** The {@code reason} tag of the metrics. */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
