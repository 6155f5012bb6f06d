package dev.minerfleet.mining;

import java.security.DigestException;
import java.security.MessageDigest;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.HeaderCodec;
import dev.minerfleet.chain.Sha256;

/**
 * The {@link Strategy#PLAIN} hasher: the whole header, then the first digest, through one {@link MessageDigest}, into
 * preallocated arrays. Uses public API only.
 */
final class PlainHeaderHasher implements HeaderHasher {

	private final MessageDigest digest = Sha256.newDigest();

	private final byte[] header = new byte[HeaderCodec.LENGTH];

	private final byte[] first = new byte[Hash.LENGTH];

	@Override
	public Strategy strategy() {
		return Strategy.PLAIN;
	}

	@Override
	public void load(byte[] header) {
		if (header.length != HeaderCodec.LENGTH) {
			throw new IllegalArgumentException("a header has " + HeaderCodec.LENGTH + " bytes, got " + header.length);
		}
		System.arraycopy(header, 0, this.header, 0, HeaderCodec.LENGTH);
	}

	@Override
	public void hash(int nonce, byte[] out) {
		HeaderCodec.putNonce(header, nonce);
		try {
			digest.update(header, 0, HeaderCodec.LENGTH);
			digest.digest(first, 0, Hash.LENGTH);
			digest.update(first, 0, Hash.LENGTH);
			digest.digest(out, 0, Hash.LENGTH);
		}
		catch (DigestException ex) {
			throw new IllegalArgumentException("the output needs " + Hash.LENGTH + " bytes", ex);
		}
	}

}
