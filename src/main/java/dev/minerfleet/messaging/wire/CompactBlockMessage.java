package dev.minerfleet.messaging.wire;

import java.util.Objects;

import dev.minerfleet.chain.CompactBlock;

/**
 * A block in its compact form (BIP 152), the JSON message of type {@value #TYPE} on the NEWBLOCK topic.
 *
 * @param sender id of the miner that published it, which answers {@link GetBlockTransactionsMessage}s for it
 * @param block the compact block; its hash was recomputed from the header fields while decoding
 */
public record CompactBlockMessage(String sender, CompactBlock block) implements BlockAnnouncement {

	public static final String TYPE = "cmpctblock";

	public CompactBlockMessage {
		Objects.requireNonNull(sender, "sender");
		Objects.requireNonNull(block, "block");
	}

}
