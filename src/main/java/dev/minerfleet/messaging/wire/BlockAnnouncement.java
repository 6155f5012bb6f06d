package dev.minerfleet.messaging.wire;

/**
 * What travels on the NEWBLOCK topic: a whole {@link BlockMessage} or, with compact block relay, a
 * {@link CompactBlockMessage}. Receivers take both.
 */
public sealed interface BlockAnnouncement extends WireMessage permits BlockMessage, CompactBlockMessage {

}
