package dev.minerfleet.messaging.wire;

import java.math.BigInteger;
import java.util.Optional;

/**
 * What travels on the NEWBLOCK topic: a whole {@link BlockMessage} or, with compact block relay, a
 * {@link CompactBlockMessage}. Receivers take both.
 */
public sealed interface BlockAnnouncement extends WireMessage permits BlockMessage, CompactBlockMessage {

	/**
	 * The total work of the sender's branch up to and including the block, as the sender claims: used only to decide
	 * whether a block whose parent the receiver lacks is worth catching up to, never trusted for fork choice. Empty
	 * from a sender that does not say.
	 */
	Optional<BigInteger> work();

}
