package dev.minerfleet.messaging.wire;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

import dev.minerfleet.chain.Block;

/**
 * A block passed on by a miner, the JSON message of type {@value #TYPE} on the NEWBLOCK topic.
 *
 * @param sender id of the miner that published it
 * @param block the block; its hash was recomputed from the header fields while decoding, nothing else is validated
 * @param work the total work of the sender's branch up to and including this block, as it claims
 * ({@link BlockAnnouncement#work()})
 */
public record BlockMessage(String sender, Block block, Optional<BigInteger> work) implements BlockAnnouncement {

	public static final String TYPE = "block";

	public BlockMessage {
		Objects.requireNonNull(sender, "sender");
		Objects.requireNonNull(block, "block");
		Objects.requireNonNull(work, "work");
	}

	/** A block message that claims no work, as a miner before the {@code work} field sends. */
	public BlockMessage(String sender, Block block) {
		this(sender, block, Optional.empty());
	}

}
