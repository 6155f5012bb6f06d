package dev.minerfleet.chain;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 6-byte short transaction ids of one block's compact form, as in Bitcoin's BIP 152: SipHash-2-4 of the
 * transaction id, keyed with the first 16 bytes of SHA-256 of the block's header, cut to its low 48 bits.
 *
 * <p>
 * The key changes with every block, so no one can make two transactions whose short ids collide in blocks not mined
 * yet; a collision by chance (about one in 2^48 / mempool size per transaction) costs a round trip, never a wrong
 * block: the receiver checks the rebuilt block against its merkle root. Immutable and thread-safe.
 */
public final class ShortTransactionIds {

	/** Bytes of a short id on the wire. */
	public static final int LENGTH = 6;

	private static final long MASK = (1L << (8 * LENGTH)) - 1;

	private final long k0;

	private final long k1;

	private ShortTransactionIds(long k0, long k1) {
		this.k0 = k0;
		this.k1 = k1;
	}

	/** The short ids of the block with this header. */
	public static ShortTransactionIds forHeader(BlockHeader header) {
		byte[] digest = Sha256.newDigest().digest(HeaderCodec.encode(header));
		ByteBuffer key = ByteBuffer.wrap(digest).order(ByteOrder.LITTLE_ENDIAN);
		return new ShortTransactionIds(key.getLong(0), key.getLong(8));
	}

	/** Keyed directly, for the SipHash known-answer tests. */
	static ShortTransactionIds withKey(long k0, long k1) {
		return new ShortTransactionIds(k0, k1);
	}

	/** The short id of the transaction with this id: 48 bits, 0 to 2^48 - 1. */
	public long of(Hash transactionId) {
		// SipHash-2-4 of the 32 bytes, read in place: four words, then the length block
		long[] v = initialState();
		for (int offset = 0; offset < Hash.LENGTH; offset += 8) {
			compress(v, transactionId.littleEndianLong(offset));
		}
		return finish(v, (long) Hash.LENGTH << 56) & MASK;
	}

	/** SipHash-2-4 of {@code message} under this key (Aumasson and Bernstein, 2012). */
	long sipHash24(byte[] message) {
		long[] v = initialState();
		ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
		int whole = message.length / 8 * 8;
		for (int i = 0; i < whole; i += 8) {
			compress(v, in.getLong(i));
		}
		long last = ((long) message.length & 0xff) << 56;
		for (int i = whole; i < message.length; i++) {
			last |= (message[i] & 0xffL) << (8 * (i - whole));
		}
		return finish(v, last);
	}

	private long[] initialState() {
		return new long[] { 0x736f6d6570736575L ^ k0, 0x646f72616e646f6dL ^ k1, 0x6c7967656e657261L ^ k0,
				0x7465646279746573L ^ k1 };
	}

	/** The last block (the message length in the top byte, the last bytes below), then finalization. */
	private static long finish(long[] v, long lastBlock) {
		compress(v, lastBlock);
		v[2] ^= 0xff;
		for (int round = 0; round < 4; round++) {
			sipRound(v);
		}
		return v[0] ^ v[1] ^ v[2] ^ v[3];
	}

	/** Two rounds over one 8-byte word of the message. */
	private static void compress(long[] v, long word) {
		v[3] ^= word;
		sipRound(v);
		sipRound(v);
		v[0] ^= word;
	}

	private static void sipRound(long[] v) {
		v[0] += v[1];
		v[1] = Long.rotateLeft(v[1], 13) ^ v[0];
		v[0] = Long.rotateLeft(v[0], 32);
		v[2] += v[3];
		v[3] = Long.rotateLeft(v[3], 16) ^ v[2];
		v[0] += v[3];
		v[3] = Long.rotateLeft(v[3], 21) ^ v[0];
		v[2] += v[1];
		v[1] = Long.rotateLeft(v[1], 17) ^ v[2];
		v[2] = Long.rotateLeft(v[2], 32);
	}

}
