package dev.minerfleet.network;

import java.util.Locale;

/** What the network conditions apply to: each kind of message a miner receives from the others. */
public enum Traffic {

	/** NEWTRX. */
	TRANSACTION,
	/** NEWBLOCK. */
	BLOCK,
	/** Catch-up sync requests and replies on the miner's own SYNC topic. */
	SYNC,
	/** Tip announcements on the TIP topic. */
	TIP;

	/** The {@code kind} tag of the metrics. */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
