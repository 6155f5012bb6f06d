package dev.minerfleet.messaging.wire;

import java.util.List;
import java.util.Objects;

import dev.minerfleet.chain.Hash;

/**
 * A request for the blocks the sender lacks, the JSON message of type {@value #TYPE} published to
 * {@code <prefix>/SYNC/<peer>}.
 *
 * @param sender id of the requesting miner, which expects the reply on {@code <prefix>/SYNC/<sender>}
 * @param requestId chosen by the sender, copied into the reply
 * @param locator the sender's block locator, newest first: the peer sends the blocks after the first of these on its
 * active chain
 * @param max the most blocks the sender wants in the reply; the peer may send fewer
 */
public record GetBlocksMessage(String sender, String requestId, List<Hash> locator, int max) implements SyncMessage {

	public static final String TYPE = "getblocks";

	public GetBlocksMessage {
		Objects.requireNonNull(sender, "sender");
		Objects.requireNonNull(requestId, "requestId");
		locator = List.copyOf(locator);
	}

}
