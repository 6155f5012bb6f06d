package dev.minerfleet.chain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The canonical bytes of a transaction, whose SHA-256 is its id. Fields in this order, integers
 * big-endian, text as UTF-8 preceded by its byte length as an unsigned 16-bit integer:
 *
 * <pre>
 * sender    u16 length + UTF-8
 * receiver  u16 length + UTF-8
 * amount    i64
 * payload   u16 length + UTF-8
 * createdAt i64 (milliseconds since the epoch)
 * origin    u16 length + UTF-8
 * </pre>
 *
 * The id itself is not part of the bytes. docs/protocol.md carries a worked example.
 */
public final class TransactionCodec {

	private TransactionCodec() {
	}

	public static byte[] canonicalBytes(Transaction tx) {
		byte[] sender = tx.sender().getBytes(StandardCharsets.UTF_8);
		byte[] receiver = tx.receiver().getBytes(StandardCharsets.UTF_8);
		byte[] payload = tx.payload().getBytes(StandardCharsets.UTF_8);
		byte[] origin = tx.origin().getBytes(StandardCharsets.UTF_8);
		ByteBuffer out = ByteBuffer
			.allocate(4 * 2 + 2 * 8 + sender.length + receiver.length + payload.length + origin.length);
		putText(out, sender);
		putText(out, receiver);
		out.putLong(tx.amount());
		putText(out, payload);
		out.putLong(tx.createdAt());
		putText(out, origin);
		return out.array();
	}

	public static int canonicalSize(Transaction tx) {
		return 4 * 2 + 2 * 8 + utf8Length(tx.sender()) + utf8Length(tx.receiver()) + utf8Length(tx.payload())
				+ utf8Length(tx.origin());
	}

	private static void putText(ByteBuffer out, byte[] text) {
		out.putShort((short) text.length);
		out.put(text);
	}

	/**
	 * UTF-8 length without encoding. Exact because {@link Transaction} admits only well-formed
	 * text: a surrogate always comes as a pair, four bytes.
	 */
	private static int utf8Length(String text) {
		int bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes += 1;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c)) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

}
