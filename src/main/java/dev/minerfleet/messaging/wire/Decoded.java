package dev.minerfleet.messaging.wire;

import java.util.Objects;

/**
 * What decoding a message gave: the message, or why it was rejected. Decoding never throws.
 *
 * @param <T> the message type
 */
public sealed interface Decoded<T extends WireMessage> {

	/** The sender named by a rejection when the message did not name a valid one. */
	String UNKNOWN_SENDER = "unknown";

	/** The message was well-formed. */
	record Ok<T extends WireMessage>(T message) implements Decoded<T> {

		public Ok {
			Objects.requireNonNull(message, "message");
		}

	}

	/**
	 * The message was not well-formed.
	 * @param sender the sender the message named, or {@value Decoded#UNKNOWN_SENDER} when it named no valid miner id
	 * @param reason what is wrong, for logs: at most {@value #MAX_REASON_LENGTH} characters, no control characters
	 */
	record Rejected<T extends WireMessage>(String sender, String reason) implements Decoded<T> {

		public static final int MAX_REASON_LENGTH = 300;

		public Rejected {
			Objects.requireNonNull(sender, "sender");
			reason = printable(Objects.requireNonNull(reason, "reason"));
		}

		/** Reasons may quote the input: keep them to one short, printable line. */
		private static String printable(String text) {
			StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_REASON_LENGTH));
			for (int i = 0; i < text.length() && out.length() < MAX_REASON_LENGTH; i++) {
				char c = text.charAt(i);
				out.append((Character.isISOControl(c) || Character.isSurrogate(c)) ? '?' : c);
			}
			return out.toString();
		}

	}

}
