package dev.minerfleet.chain;

import java.util.Objects;

/**
 * The fixed-size block header; {@link HeaderCodec} defines its 84 canonical bytes and the block
 * hash is their double SHA-256.
 *
 * @param version protocol version of the block
 * @param previousHash hash of the parent block, {@link Hash#ZERO} for genesis
 * @param merkleRoot merkle root of the transaction ids ({@link MerkleRoot})
 * @param timestamp milliseconds since the epoch
 * @param bits the target in compact form ({@link Target})
 * @param nonce searched by the miner, any 32-bit value
 */
public record BlockHeader(int version, Hash previousHash, Hash merkleRoot, long timestamp, int bits, int nonce) {

	public BlockHeader {
		Objects.requireNonNull(previousHash, "previousHash");
		Objects.requireNonNull(merkleRoot, "merkleRoot");
	}

	public BlockHeader withNonce(int newNonce) {
		return new BlockHeader(version, previousHash, merkleRoot, timestamp, bits, newNonce);
	}

	public BlockHeader withTimestamp(long newTimestamp) {
		return new BlockHeader(version, previousHash, merkleRoot, newTimestamp, bits, nonce);
	}

	public BlockHeader withMerkleRoot(Hash newRoot) {
		return new BlockHeader(version, previousHash, newRoot, timestamp, bits, nonce);
	}

	/** Double SHA-256 of the canonical bytes. */
	public Hash hash() {
		return Sha256.doubleSha256(HeaderCodec.encode(this));
	}

	/**
	 * The target {@link #bits} stands for.
	 * @throws IllegalArgumentException if the bits are not a valid compact target
	 */
	public Target target() {
		return Target.fromCompact(bits);
	}

}
