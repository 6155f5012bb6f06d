package dev.minerfleet.chain;

import java.nio.ByteBuffer;

/**
 * The canonical 84-byte header encoding. Integers are big-endian; hashes are copied as their 32
 * bytes in the order {@link Hash#hex()} prints them.
 *
 * <pre>
 * offset size field
 *      0    4 version       u32
 *      4   32 previousHash
 *     36   32 merkleRoot
 *     68    8 timestamp     i64, milliseconds since the epoch
 *     76    4 bits          compact target
 *     80    4 nonce         u32
 * </pre>
 *
 * Bitcoin's 80-byte layout with two changes: big-endian integers and hashes in print order, so
 * the bytes read like the JSON; and a 64-bit millisecond timestamp, since simulated block
 * intervals are seconds, not minutes. Everything the nonce loop varies lies after byte 64, so the
 * SHA-256 state after the first 64-byte block (the midstate) is shared by every nonce.
 */
public final class HeaderCodec {

	public static final int LENGTH = 84;

	public static final int TIMESTAMP_OFFSET = 68;

	public static final int NONCE_OFFSET = 80;

	/** Bytes up to here are the same for every nonce and timestamp: one SHA-256 block. */
	public static final int MIDSTATE_LENGTH = 64;

	private HeaderCodec() {
	}

	public static byte[] encode(BlockHeader header) {
		byte[] out = new byte[LENGTH];
		encode(header, out);
		return out;
	}

	public static void encode(BlockHeader header, byte[] out) {
		ByteBuffer buffer = ByteBuffer.wrap(out);
		buffer.putInt(header.version());
		buffer.put(header.previousHash().toByteArray());
		buffer.put(header.merkleRoot().toByteArray());
		buffer.putLong(header.timestamp());
		buffer.putInt(header.bits());
		buffer.putInt(header.nonce());
	}

	public static BlockHeader decode(byte[] in) {
		if (in.length != LENGTH) {
			throw new IllegalArgumentException("a header has " + LENGTH + " bytes, got " + in.length);
		}
		ByteBuffer buffer = ByteBuffer.wrap(in);
		int version = buffer.getInt();
		Hash previous = Hash.of(in, 4);
		Hash merkle = Hash.of(in, 36);
		buffer.position(TIMESTAMP_OFFSET);
		long timestamp = buffer.getLong();
		int bits = buffer.getInt();
		int nonce = buffer.getInt();
		return new BlockHeader(version, previous, merkle, timestamp, bits, nonce);
	}

	/** Writes {@code nonce} big-endian at {@link #NONCE_OFFSET}; allocates nothing. */
	public static void putNonce(byte[] header, int nonce) {
		header[NONCE_OFFSET] = (byte) (nonce >>> 24);
		header[NONCE_OFFSET + 1] = (byte) (nonce >>> 16);
		header[NONCE_OFFSET + 2] = (byte) (nonce >>> 8);
		header[NONCE_OFFSET + 3] = (byte) nonce;
	}

}
