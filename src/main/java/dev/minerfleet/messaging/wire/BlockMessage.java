package dev.minerfleet.messaging.wire;

import java.util.Objects;

import dev.minerfleet.chain.Block;

/**
 * A block passed on by a miner, the JSON message of type {@value #TYPE} on the NEWBLOCK topic.
 *
 * @param sender id of the miner that published it
 * @param block the block; its hash was recomputed from the header fields while decoding, nothing else is validated
 */
public record BlockMessage(String sender, Block block) implements BlockAnnouncement {

	public static final String TYPE = "block";

	public BlockMessage {
		Objects.requireNonNull(sender, "sender");
		Objects.requireNonNull(block, "block");
	}

}
