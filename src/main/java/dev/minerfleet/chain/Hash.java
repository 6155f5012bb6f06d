package dev.minerfleet.chain;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * A 32-byte digest: a block hash, a transaction id or a merkle root.
 *
 * <p>
 * The bytes are kept in the order SHA-256 produces them and printed in that same order, so a
 * block hash that meets a difficulty of 20 leading zero bits prints with five leading hex zeros.
 * (Bitcoin prints hashes byte-reversed; minerfleet does not, see docs/protocol.md.)
 *
 * <p>
 * Held as four big-endian 8-byte words, not as a {@code byte[]}: 48 bytes and one object instead of 72 bytes and two.
 * Every miner holds an id for each transaction of its chain and mempool, and a young collection copies each new one.
 */
public final class Hash implements Comparable<Hash> {

	public static final int LENGTH = 32;

	public static final Hash ZERO = new Hash(0, 0, 0, 0);

	private static final HexFormat HEX = HexFormat.of();

	private static final VarHandle BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	/** Bytes 0 to 7, 8 to 15, 16 to 23 and 24 to 31, each word big-endian. */
	private final long word0;

	private final long word1;

	private final long word2;

	private final long word3;

	private Hash(long word0, long word1, long word2, long word3) {
		this.word0 = word0;
		this.word1 = word1;
		this.word2 = word2;
		this.word3 = word3;
	}

	/** A hash of the given 32 bytes (they are read, not kept). */
	public static Hash of(byte[] bytes) {
		if (bytes.length != LENGTH) {
			throw new IllegalArgumentException("a hash has 32 bytes, got " + bytes.length);
		}
		return of(bytes, 0);
	}

	/** A hash of 32 bytes of {@code source} starting at {@code offset}. */
	public static Hash of(byte[] source, int offset) {
		if (offset < 0 || offset > source.length - LENGTH) {
			throw new IndexOutOfBoundsException("32 bytes from " + offset + " of " + source.length);
		}
		return new Hash(word(source, offset), word(source, offset + 8), word(source, offset + 16),
				word(source, offset + 24));
	}

	private static long word(byte[] source, int offset) {
		return (long) BIG_ENDIAN.get(source, offset);
	}

	/** Parses 64 hex digits, either case. */
	public static Hash fromHex(String hex) {
		if (hex == null || hex.length() != 2 * LENGTH) {
			throw new IllegalArgumentException("a hash is 64 hex digits");
		}
		try {
			// each word's digits are checked as they are read: ASCII 0-9, a-f, A-F only
			return new Hash(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32),
					HexFormat.fromHexDigitsToLong(hex, 32, 48), HexFormat.fromHexDigitsToLong(hex, 48, 64));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("a hash is 64 hex digits: " + ex.getMessage());
		}
	}

	/** A copy of the 32 bytes. */
	public byte[] toByteArray() {
		byte[] bytes = new byte[LENGTH];
		copyTo(bytes, 0);
		return bytes;
	}

	/** Copies the 32 bytes into {@code target} at {@code offset}. */
	public void copyTo(byte[] target, int offset) {
		if (offset < 0 || offset > target.length - LENGTH) {
			throw new IndexOutOfBoundsException("32 bytes from " + offset + " of " + target.length);
		}
		BIG_ENDIAN.set(target, offset, word0);
		BIG_ENDIAN.set(target, offset + 8, word1);
		BIG_ENDIAN.set(target, offset + 16, word2);
		BIG_ENDIAN.set(target, offset + 24, word3);
	}

	/** The 8 bytes at {@code offset} (0, 8, 16 or 24) as a little-endian long: for short ids. */
	long littleEndianLong(int offset) {
		return Long.reverseBytes(switch (offset) {
			case 0 -> word0;
			case 8 -> word1;
			case 16 -> word2;
			case 24 -> word3;
			default -> throw new IllegalArgumentException("a word starts at 0, 8, 16 or 24, not " + offset);
		});
	}

	/** Number of leading zero bits, 0 to 256. */
	public int leadingZeroBits() {
		if (word0 != 0) {
			return Long.numberOfLeadingZeros(word0);
		}
		if (word1 != 0) {
			return 64 + Long.numberOfLeadingZeros(word1);
		}
		if (word2 != 0) {
			return 128 + Long.numberOfLeadingZeros(word2);
		}
		return 192 + Long.numberOfLeadingZeros(word3);
	}

	public String hex() {
		return HEX.toHexDigits(word0) + HEX.toHexDigits(word1) + HEX.toHexDigits(word2) + HEX.toHexDigits(word3);
	}

	/** The first 12 hex digits, for logs. */
	public String abbreviated() {
		return HEX.toHexDigits(word0).substring(0, 12);
	}

	@Override
	public int compareTo(Hash other) {
		// big-endian words compare as the bytes do, unsigned and in order
		int order = Long.compareUnsigned(word0, other.word0);
		if (order == 0) {
			order = Long.compareUnsigned(word1, other.word1);
		}
		if (order == 0) {
			order = Long.compareUnsigned(word2, other.word2);
		}
		return order != 0 ? order : Long.compareUnsigned(word3, other.word3);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Hash that && word0 == that.word0 && word1 == that.word1 && word2 == that.word2
				&& word3 == that.word3;
	}

	/**
	 * The four words folded together: every byte counts, as in {@link java.util.Arrays#hashCode(byte[])}, at a
	 * fraction of its cost, which was a fifth of decoding a transaction (docs/benchmarks.md). Not the first bytes
	 * alone: a block hash starts with zeros. Not keyed: a sender can make ids whose hash codes collide either way, and
	 * the maps keyed by them fall back to ordering (a hash is {@link Comparable}).
	 */
	@Override
	public int hashCode() {
		long folded = word0 ^ word1 ^ word2 ^ word3;
		return (int) (folded ^ (folded >>> 32));
	}

	@Override
	public String toString() {
		return hex();
	}

}
