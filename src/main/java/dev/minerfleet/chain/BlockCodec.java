package dev.minerfleet.chain;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The canonical bytes of a whole block, as a miner keeps it on disk: the header, the number of
 * transactions, then each transaction, all big-endian.
 *
 * <pre>
 * header         84 bytes ({@link HeaderCodec})
 * count          u32, number of transactions
 * transactions   count times the canonical bytes of a transaction ({@link TransactionCodec})
 * </pre>
 *
 * Transaction ids are not stored: decoding recomputes each from its content, as the id is defined.
 * The encoding is {@link Block#size()} plus 4 bytes. Decoding never throws: bytes that are not
 * exactly one encoded block (too short, trailing bytes, malformed UTF-8, a field a transaction
 * refuses) decode to nothing.
 */
public final class BlockCodec {

	/** Bytes of the transaction count. */
	public static final int COUNT_LENGTH = 4;

	/** The shortest encoded block: a header and a count of zero. */
	public static final int MIN_LENGTH = HeaderCodec.LENGTH + COUNT_LENGTH;

	/** The shortest encoded transaction: four empty texts and two longs. */
	private static final int MIN_TRANSACTION_LENGTH = 4 * 2 + 2 * 8;

	private BlockCodec() {
	}

	public static byte[] encode(Block block) {
		List<byte[]> transactions = new ArrayList<>(block.transactions().size());
		int length = MIN_LENGTH;
		for (Transaction tx : block.transactions()) {
			byte[] bytes = TransactionCodec.canonicalBytes(tx);
			transactions.add(bytes);
			length += bytes.length;
		}
		ByteBuffer out = ByteBuffer.allocate(length);
		out.put(HeaderCodec.encode(block.header()));
		out.putInt(transactions.size());
		transactions.forEach(out::put);
		return out.array();
	}

	/** The block these bytes encode, or empty when they are not exactly one encoded block. */
	public static Optional<Block> decode(byte[] bytes) {
		if (bytes.length < MIN_LENGTH) {
			return Optional.empty();
		}
		ByteBuffer in = ByteBuffer.wrap(bytes);
		byte[] header = new byte[HeaderCodec.LENGTH];
		in.get(header);
		long count = Integer.toUnsignedLong(in.getInt());
		if (count > in.remaining() / MIN_TRANSACTION_LENGTH) {
			return Optional.empty();
		}
		List<Transaction> transactions = new ArrayList<>((int) count);
		for (long i = 0; i < count; i++) {
			Optional<Transaction> tx = transaction(in);
			if (tx.isEmpty()) {
				return Optional.empty();
			}
			transactions.add(tx.get());
		}
		if (in.hasRemaining()) {
			return Optional.empty();
		}
		return Optional.of(new Block(HeaderCodec.decode(header), transactions));
	}

	private static Optional<Transaction> transaction(ByteBuffer in) {
		Optional<String> sender = text(in);
		Optional<String> receiver = text(in);
		if (sender.isEmpty() || receiver.isEmpty() || in.remaining() < 8) {
			return Optional.empty();
		}
		long amount = in.getLong();
		Optional<String> payload = text(in);
		if (payload.isEmpty() || in.remaining() < 8) {
			return Optional.empty();
		}
		long createdAt = in.getLong();
		Optional<String> origin = text(in);
		if (origin.isEmpty()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Transaction.create(sender.get(), receiver.get(), amount, payload.get(), createdAt,
					origin.get()));
		}
		catch (IllegalArgumentException ex) {
			// a negative amount or time, or a text longer than a transaction admits
			return Optional.empty();
		}
	}

	/** A u16 length and that many bytes of well-formed UTF-8. */
	private static Optional<String> text(ByteBuffer in) {
		if (in.remaining() < 2) {
			return Optional.empty();
		}
		int length = Short.toUnsignedInt(in.getShort());
		if (length > in.remaining()) {
			return Optional.empty();
		}
		ByteBuffer slice = in.slice(in.position(), length);
		in.position(in.position() + length);
		try {
			CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(slice);
			return Optional.of(chars.toString());
		}
		catch (CharacterCodingException ex) {
			return Optional.empty();
		}
	}

}
