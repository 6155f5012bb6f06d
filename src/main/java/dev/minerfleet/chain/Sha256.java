package dev.minerfleet.chain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 and double SHA-256 over the JDK's MessageDigest (which uses the CPU's SHA extensions). */
public final class Sha256 {

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
		return Hash.of(newDigest().digest(data));
	}

	public static Hash doubleSha256(byte[] data) {
		MessageDigest digest = newDigest();
		return Hash.of(digest.digest(digest.digest(data)));
	}

	/** Double SHA-256 of two hashes laid end to end: the merkle tree's inner node. */
	public static Hash doubleSha256(Hash left, Hash right) {
		byte[] pair = new byte[2 * Hash.LENGTH];
		left.copyTo(pair, 0);
		right.copyTo(pair, Hash.LENGTH);
		return doubleSha256(pair);
	}

}
