package dev.minerfleet.messaging.wire;

/**
 * A message of catch-up sync: a {@link GetBlocksMessage} request or the {@link BlocksMessage} that answers it, both on
 * {@code <prefix>/SYNC/<recipient>} and matched by their request id, or a {@link TipMessage}, on {@code <prefix>/TIP}
 * or {@code <prefix>/SYNC/<recipient>}; or, for compact block relay, a {@link GetBlockTransactionsMessage} and the
 * {@link BlockTransactionsMessage} that answers it, on {@code <prefix>/SYNC/<recipient>} and matched by block hash.
 */
public sealed interface SyncMessage extends WireMessage permits GetBlocksMessage, BlocksMessage, TipMessage,
		GetBlockTransactionsMessage, BlockTransactionsMessage {

}
