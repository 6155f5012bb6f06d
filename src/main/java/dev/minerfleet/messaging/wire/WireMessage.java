package dev.minerfleet.messaging.wire;

/** What every message on the wire carries besides its content: the id of the miner that sent it. */
public sealed interface WireMessage permits TransactionMessage, TransactionBatchMessage, BlockAnnouncement, SyncMessage {

	/** The miner that published the message (not necessarily the one that created its content). */
	String sender();

}
