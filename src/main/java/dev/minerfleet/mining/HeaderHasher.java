package dev.minerfleet.mining;

import java.util.Optional;

import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.HeaderCodec;

/**
 * Double SHA-256 of one 84-byte header ({@link HeaderCodec}) for nonce after nonce, into a caller's array, allocating
 * nothing per hash. {@link #load(byte[])} takes the header once; {@link #hash(int, byte[])} then gives, for any nonce,
 * exactly the bytes of {@code header.withNonce(nonce).hash()}.
 *
 * <p>
 * Two strategies, chosen once per JVM by {@link #bestStrategy()}: {@link Strategy#MIDSTATE} where the JDK's SHA-256
 * internals are reachable (they need {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED}), else
 * {@link Strategy#PLAIN}. See docs/adr/0002-proof-of-work-midstate.md.
 *
 * <p>
 * A hasher is not thread-safe: one per mining thread.
 */
public sealed interface HeaderHasher permits MidstateHeaderHasher, PlainHeaderHasher {

	/** How a hasher computes the double SHA-256. */
	enum Strategy {

		/**
		 * The SHA-256 state after the first 64 header bytes is computed once per header; each nonce costs two
		 * compressions of the JDK's SHA-NI intrinsic on blocks padded in advance. Needs the JDK's
		 * {@code sun.security.provider} package opened.
		 */
		MIDSTATE,

		/**
		 * Two {@link java.security.MessageDigest} passes into preallocated arrays: three compressions per nonce and
		 * the digest's bookkeeping. Works on any runtime.
		 */
		PLAIN

	}

	/**
	 * The fastest strategy this runtime allows: {@link Strategy#MIDSTATE} when the JDK internals it uses are
	 * reachable and pass a known-answer check, else {@link Strategy#PLAIN}. Decided once per JVM.
	 */
	static Strategy bestStrategy() {
		return midstateUnavailableReason().isPresent() ? Strategy.PLAIN : Strategy.MIDSTATE;
	}

	/** Why {@link Strategy#MIDSTATE} cannot run here, for a start-up report; empty when it can. */
	static Optional<String> midstateUnavailableReason() {
		return MidstateHeaderHasher.unavailableReason();
	}

	/** A hasher of the {@link #bestStrategy()}. */
	static HeaderHasher create() {
		return create(bestStrategy());
	}

	/**
	 * A hasher of the given strategy, loaded with an all-zero header.
	 * @throws IllegalStateException if the strategy cannot run here
	 */
	static HeaderHasher create(Strategy strategy) {
		return switch (strategy) {
			case MIDSTATE -> MidstateHeaderHasher.create();
			case PLAIN -> new PlainHeaderHasher();
		};
	}

	Strategy strategy();

	/**
	 * Takes a copy of the {@value HeaderCodec#LENGTH} header bytes to hash from now on; their nonce bytes are
	 * ignored. Allocates nothing.
	 * @throws IllegalArgumentException if {@code header} is not {@value HeaderCodec#LENGTH} bytes long
	 */
	void load(byte[] header);

	/** Convenience for {@link #load(byte[])} with the encoding of {@code header}. */
	default void load(BlockHeader header) {
		load(HeaderCodec.encode(header));
	}

	/**
	 * Writes the double SHA-256 of the loaded header with {@code nonce} (big-endian at
	 * {@value HeaderCodec#NONCE_OFFSET}) into {@code out[0..32)}. Allocates nothing.
	 */
	void hash(int nonce, byte[] out);

}
