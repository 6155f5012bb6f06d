package dev.minerfleet.messaging.wire;

import java.math.BigInteger;
import java.util.Objects;

import dev.minerfleet.chain.Hash;

/**
 * The tip of the sender's active chain, the JSON message of type {@value #TYPE}: an announcement to every miner on
 * {@code <prefix>/TIP} when the sender has (re)connected to the broker, or the answer of a miner with more work on
 * {@code <prefix>/SYNC/<announcer>}. A miner that learns of a tip it lacks, with more work than its own, starts catch-up
 * sync with the sender.
 *
 * @param sender id of the miner whose tip this is
 * @param height the tip's height
 * @param hash the tip's hash
 * @param work the total work of the sender's active chain, as it claims: used only to decide whether to ask or answer,
 * never trusted for fork choice
 */
public record TipMessage(String sender, long height, Hash hash, BigInteger work) implements SyncMessage {

	public static final String TYPE = "tip";

	public TipMessage {
		Objects.requireNonNull(sender, "sender");
		Objects.requireNonNull(hash, "hash");
		Objects.requireNonNull(work, "work");
		if (height < 0 || work.signum() < 0) {
			throw new IllegalArgumentException("height and work are not negative");
		}
	}

}
