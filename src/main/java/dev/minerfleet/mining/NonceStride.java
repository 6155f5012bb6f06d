package dev.minerfleet.mining;

/**
 * The nonces one of several searchers tries: {@code start}, {@code start + stride}, {@code start + 2 stride}, ... up
 * to the last unsigned 32-bit value. Thread {@code i} of {@code n} takes {@code new NonceStride(i, n)}: the threads
 * share the nonce space without overlap, whatever header each one works on.
 *
 * @param start the first nonce, in {@code [0, stride)}
 * @param stride the distance between two nonces, at least 1
 */
public record NonceStride(int start, int stride) {

	/** Every nonce, for a single searcher. */
	public static final NonceStride ALL = new NonceStride(0, 1);

	private static final long NONCES = 1L << Integer.SIZE;

	public NonceStride {
		if (stride < 1 || start < 0 || start >= stride) {
			throw new IllegalArgumentException("a stride is at least 1 and its start in [0, stride), got start " + start
					+ " stride " + stride);
		}
	}

	/** How many nonces this stride holds: about 2^32 / stride. */
	public long size() {
		return (NONCES - start + stride - 1) / stride;
	}

}
