package dev.minerfleet.chain;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 and double SHA-256 over the JDK's MessageDigest (which uses the CPU's SHA extensions). */
public final class Sha256 {

	/**
	 * One digest per thread: {@link MessageDigest#getInstance} looks the algorithm up among the providers on every
	 * call, which cost as much as hashing a transaction (3 % of a loaded fleet's CPU). {@code digest} resets it.
	 */
	private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

	private Sha256() {
	}

	/** A fresh SHA-256 digest; every Java SE runtime has one. */
	public static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("this Java runtime has no SHA-256", ex);
		}
	}

	public static Hash sha256(byte[] data) {
		return Hash.of(DIGEST.get().digest(data));
	}

	public static Hash doubleSha256(byte[] data) {
		MessageDigest digest = DIGEST.get();
		return Hash.of(digest.digest(digest.digest(data)));
	}

	/** Double SHA-256 of two hashes laid end to end: the merkle tree's inner node. */
	public static Hash doubleSha256(Hash left, Hash right) {
		byte[] pair = new byte[2 * Hash.LENGTH];
		left.copyTo(pair, 0);
		right.copyTo(pair, Hash.LENGTH);
		return doubleSha256(pair);
	}

	/** The double SHA-256 of pairs of hashes, on this thread's digest and a buffer of its own: {@link MerkleRoot}'s. */
	static PairHasher pairHasher() {
		return new PairHasher(DIGEST.get());
	}

	/** Hashes pairs of 32-byte nodes in place; for one thread, one tree. */
	static final class PairHasher {

		private final MessageDigest digest;

		private final byte[] first = new byte[Hash.LENGTH];

		private PairHasher(MessageDigest digest) {
			this.digest = digest;
		}

		/**
		 * Writes {@code doubleSha256(source[left..left+32) || source[right..right+32))} to {@code target} at
		 * {@code offset}, which may be either input's place.
		 */
		void hash(byte[] source, int left, int right, byte[] target, int offset) {
			try {
				digest.update(source, left, Hash.LENGTH);
				digest.update(source, right, Hash.LENGTH);
				digest.digest(first, 0, Hash.LENGTH);
				digest.update(first);
				digest.digest(target, offset, Hash.LENGTH);
			}
			catch (DigestException ex) {
				throw new IllegalStateException("SHA-256 digests are 32 bytes", ex);
			}
		}

	}

}
