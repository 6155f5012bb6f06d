package dev.minerfleet.messaging.wire;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

import dev.minerfleet.chain.CompactBlock;

/**
 * A block in its compact form (BIP 152), the JSON message of type {@value #TYPE} on the NEWBLOCK topic.
 *
 * @param sender id of the miner that published it, which answers {@link GetBlockTransactionsMessage}s for it
 * @param block the compact block; its hash was recomputed from the header fields while decoding
 * @param work the total work of the sender's branch up to and including this block, as it claims
 * ({@link BlockAnnouncement#work()})
 */
public record CompactBlockMessage(String sender, CompactBlock block, Optional<BigInteger> work)
		implements BlockAnnouncement {

	public static final String TYPE = "cmpctblock";

	public CompactBlockMessage {
		Objects.requireNonNull(sender, "sender");
		Objects.requireNonNull(block, "block");
		Objects.requireNonNull(work, "work");
	}

	/** A compact block message that claims no work, as a miner before the {@code work} field sends. */
	public CompactBlockMessage(String sender, CompactBlock block) {
		this(sender, block, Optional.empty());
	}

}
