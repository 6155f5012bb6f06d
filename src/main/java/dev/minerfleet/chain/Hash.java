package dev.minerfleet.chain;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte digest: a block hash, a transaction id or a merkle root.
 *
 * <p>
 * The bytes are kept in the order SHA-256 produces them and printed in that same order, so a
 * block hash that meets a difficulty of 20 leading zero bits prints with five leading hex zeros.
 * (Bitcoin prints hashes byte-reversed; minerfleet does not, see docs/protocol.md.) Not a record:
 * a record over a {@code byte[]} would compare array references.
 */
public final class Hash implements Comparable<Hash> {

	public static final int LENGTH = 32;

	public static final Hash ZERO = new Hash(new byte[LENGTH]);

	private static final HexFormat HEX = HexFormat.of();

	private final byte[] bytes;

	/** {@link #hashCode()}, computed once: a transaction id is looked up in the mempool's and the chain's indexes many times. */
	private final int hashCode;

	private Hash(byte[] bytes) {
		this.bytes = bytes;
		this.hashCode = computeHashCode();
	}

	/**
	 * The four 8-byte words folded together: every byte counts, as in {@link Arrays#hashCode(byte[])}, at a fraction of
	 * its cost, which was a fifth of decoding a transaction (docs/benchmarks.md). Not the first bytes alone: a block
	 * hash starts with zeros. Neither is keyed: a sender can make ids whose hash codes collide either way, and the maps
	 * keyed by them fall back to ordering (a hash is {@link Comparable}).
	 */
	private int computeHashCode() {
		long folded = littleEndianLong(0) ^ littleEndianLong(8) ^ littleEndianLong(16) ^ littleEndianLong(24);
		return (int) (folded ^ (folded >>> 32));
	}

	/** A hash over a copy of the given 32 bytes. */
	public static Hash of(byte[] bytes) {
		if (bytes.length != LENGTH) {
			throw new IllegalArgumentException("a hash has 32 bytes, got " + bytes.length);
		}
		return new Hash(bytes.clone());
	}

	/** A hash over a copy of 32 bytes of {@code source} starting at {@code offset}. */
	public static Hash of(byte[] source, int offset) {
		return new Hash(Arrays.copyOfRange(source, offset, offset + LENGTH));
	}

	/** Parses 64 hex digits, either case. */
	public static Hash fromHex(String hex) {
		if (hex == null || hex.length() != 2 * LENGTH) {
			throw new IllegalArgumentException("a hash is 64 hex digits");
		}
		try {
			return new Hash(HEX.parseHex(hex));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("a hash is 64 hex digits: " + ex.getMessage());
		}
	}

	/** A copy of the 32 bytes. */
	public byte[] toByteArray() {
		return bytes.clone();
	}

	/** Copies the 32 bytes into {@code target} at {@code offset}. */
	public void copyTo(byte[] target, int offset) {
		System.arraycopy(bytes, 0, target, offset, LENGTH);
	}

	/** The 8 bytes at {@code offset} as a little-endian long, without copying the hash: for short ids. */
	long littleEndianLong(int offset) {
		return (long) LittleEndian.LONG.get(bytes, offset);
	}

	/** Number of leading zero bits, 0 to 256. */
	public int leadingZeroBits() {
		for (int i = 0; i < LENGTH; i++) {
			int b = bytes[i] & 0xff;
			if (b != 0) {
				return i * 8 + Integer.numberOfLeadingZeros(b) - 24;
			}
		}
		return 256;
	}

	public String hex() {
		return HEX.formatHex(bytes);
	}

	/** The first 12 hex digits, for logs. */
	public String abbreviated() {
		return HEX.formatHex(bytes, 0, 6);
	}

	@Override
	public int compareTo(Hash other) {
		return Arrays.compareUnsigned(bytes, other.bytes);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Hash that && Arrays.equals(bytes, that.bytes);
	}

	@Override
	public int hashCode() {
		return hashCode;
	}

	@Override
	public String toString() {
		return hex();
	}

	/** A view of the bytes as little-endian longs; in a class of its own, initialised before {@link #ZERO} needs it. */
	private static final class LittleEndian {

		static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	}

}
