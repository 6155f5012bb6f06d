package dev.minerfleet.messaging.wire;

import java.util.List;
import java.util.Objects;

import dev.minerfleet.chain.Block;

/**
 * The reply to a {@link GetBlocksMessage}, the JSON message of type {@value #TYPE} published to
 * {@code <prefix>/SYNC/<requester>}.
 *
 * @param sender id of the replying miner
 * @param requestId the request's id
 * @param blocks consecutive blocks of the sender's active chain, oldest first; each hash was recomputed from its
 * header fields while decoding, nothing else is validated
 * @param more whether the sender's active chain went on after the last of them when it replied
 */
public record BlocksMessage(String sender, String requestId, List<Block> blocks, boolean more) implements SyncMessage {

	public static final String TYPE = "blocks";

	public BlocksMessage {
		Objects.requireNonNull(sender, "sender");
		Objects.requireNonNull(requestId, "requestId");
		blocks = List.copyOf(blocks);
	}

}
