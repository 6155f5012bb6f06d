package dev.minerfleet.chain;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A proof-of-work target: a block is valid when its hash, read as a 256-bit big-endian unsigned
 * number, is at most the target.
 *
 * <p>
 * In the header the target travels in Bitcoin's compact "bits" form: one exponent byte E and a
 * three-byte mantissa M, the value being {@code M * 256^(E-3)}; the mantissa's top bit is a sign
 * bit and must be clear. Every target here is exactly representable in that form, so
 * {@code fromCompact(t.compact())} gives {@code t} back. Users speak of difficulty as a number of
 * leading zero bits: {@link #ofLeadingZeroBits(int)} is the largest compact target whose every
 * meeting hash has at least that many leading zeros.
 *
 * <p>
 * {@link #isMetBy(byte[])} compares raw bytes and allocates nothing: it is what the nonce loop
 * calls. BigInteger is used only for work and retargeting, never per hash.
 */
public final class Target {

	private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

	/** The easiest target there is: every hash meets it. Bounds retargeting. */
	public static final Target EASIEST = fromValue(TWO_256.subtract(BigInteger.ONE));

	private final int compact;

	private final byte[] bytes;

	private final BigInteger value;

	private final BigInteger work;

	private Target(int compact, BigInteger value) {
		this.compact = compact;
		this.value = value;
		this.bytes = toBytes(value);
		this.work = TWO_256.divide(value.add(BigInteger.ONE));
	}

	/**
	 * Decodes the compact form.
	 * @throws IllegalArgumentException if negative, zero or beyond 256 bits
	 */
	public static Target fromCompact(int compact) {
		int exponent = compact >>> 24;
		int mantissa = compact & 0x007fffff;
		if ((compact & 0x00800000) != 0) {
			throw new IllegalArgumentException("negative compact target " + Integer.toHexString(compact));
		}
		BigInteger value = (exponent <= 3) ? BigInteger.valueOf(mantissa >>> (8 * (3 - exponent)))
				: BigInteger.valueOf(mantissa).shiftLeft(8 * (exponent - 3));
		if (value.signum() == 0) {
			throw new IllegalArgumentException("zero target " + Integer.toHexString(compact));
		}
		if (value.bitLength() > 256) {
			throw new IllegalArgumentException("target above 2^256 " + Integer.toHexString(compact));
		}
		if (toCompact(value) != compact) {
			throw new IllegalArgumentException("non-canonical compact target " + Integer.toHexString(compact));
		}
		return new Target(compact, value);
	}

	/**
	 * The largest representable target not above {@code value}; {@code value} must be in
	 * [1, 2^256).
	 */
	public static Target fromValue(BigInteger value) {
		if (value.signum() <= 0 || value.bitLength() > 256) {
			throw new IllegalArgumentException("a target lies in [1, 2^256)");
		}
		int compact = toCompact(value);
		return fromCompact(compact);
	}

	/** The target that demands at least {@code bits} leading zero bits of every valid hash. */
	public static Target ofLeadingZeroBits(int bits) {
		if (bits < 0 || bits > 240) {
			throw new IllegalArgumentException("leading zero bits must be within 0..240, got " + bits);
		}
		return fromValue(BigInteger.ONE.shiftLeft(256 - bits).subtract(BigInteger.ONE));
	}

	private static int toCompact(BigInteger value) {
		int size = (value.bitLength() + 7) / 8;
		long mantissa = (size <= 3) ? value.longValue() << (8 * (3 - size)) : value.shiftRight(8 * (size - 3)).longValue();
		if ((mantissa & 0x00800000L) != 0) {
			mantissa >>>= 8;
			size++;
		}
		return (size << 24) | (int) mantissa;
	}

	private static byte[] toBytes(BigInteger value) {
		byte[] raw = value.toByteArray();
		byte[] out = new byte[Hash.LENGTH];
		int copy = Math.min(raw.length, Hash.LENGTH);
		System.arraycopy(raw, raw.length - copy, out, Hash.LENGTH - copy, copy);
		return out;
	}

	/** True when the 32 bytes at {@code hash[0..32)} are at most this target. Allocates nothing. */
	public boolean isMetBy(byte[] hash) {
		return Arrays.compareUnsigned(hash, 0, Hash.LENGTH, bytes, 0, Hash.LENGTH) <= 0;
	}

	public boolean isMetBy(Hash hash) {
		return isMetBy(hash.toByteArray());
	}

	public int compact() {
		return compact;
	}

	public BigInteger value() {
		return value;
	}

	/** Expected number of hashes to meet this target: 2^256 / (target + 1). */
	public BigInteger work() {
		return work;
	}

	/** Leading zero bits every meeting hash is guaranteed to have. */
	public int leadingZeroBits() {
		return 256 - value.bitLength();
	}

	/** Difficulty in bits, fractional: log2 of the expected number of hashes. */
	public double difficultyBits() {
		int shift = Math.max(0, work.bitLength() - 60);
		return Math.log(work.shiftRight(shift).doubleValue()) / Math.log(2) + shift;
	}

	/** The compact form as eight hex digits, as it appears in JSON. */
	public String compactHex() {
		return String.format("%08x", compact);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Target that && compact == that.compact;
	}

	@Override
	public int hashCode() {
		return compact;
	}

	@Override
	public String toString() {
		return "Target[" + compactHex() + ", " + leadingZeroBits() + " bits]";
	}

}
