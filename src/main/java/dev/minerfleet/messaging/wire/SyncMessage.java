package dev.minerfleet.messaging.wire;

/**
 * A message of catch-up sync, on the topic {@code <prefix>/SYNC/<recipient>}: a {@link GetBlocksMessage} request or
 * the {@link BlocksMessage} that answers it, matched by {@link #requestId()}.
 */
public sealed interface SyncMessage extends WireMessage permits GetBlocksMessage, BlocksMessage {

	/** Chosen by the requester, copied into the reply. */
	String requestId();

}
