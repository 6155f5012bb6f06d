package dev.minerfleet.mining;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.HeaderCodec;
import dev.minerfleet.chain.Sha256;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Strategy#MIDSTATE} hasher: drives the JDK's own SHA-256 compression function, which HotSpot replaces with
 * the CPU's SHA instructions, on blocks padded once, starting from the midstate of the loaded header.
 *
 * <p>
 * The header's first 64 bytes are one SHA-256 block that no nonce changes: {@link #load(byte[])} compresses it once
 * and keeps the resulting 8 words. Its last 20 bytes, the SHA-256 padding and the message length fit in a second
 * block, and the 32-byte first digest with its padding in a third. Per nonce: write the nonce into the second block,
 * restore the midstate into the engine's live state array, compress, write the state words into the third block,
 * restore the initial hash value, compress, write the state words out. Two compressions, as in a C miner with a
 * midstate, and no allocation: no clone, no {@code MessageDigest} bookkeeping.
 *
 * <p>
 * It reaches two members of the non-exported {@code sun.security.provider.SHA2} (the same on JDK 17 and 25): the
 * field {@code int[] state} and the method {@code void implCompress(byte[], int)}, whose {@code implCompress0} is the
 * intrinsic. That needs {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED}. When they cannot be reached,
 * or the result disagrees with {@link Sha256#doubleSha256(byte[])} on a known header, {@link #unavailableReason()}
 * says why and {@link HeaderHasher#bestStrategy()} is {@link Strategy#PLAIN}.
 */
final class MidstateHeaderHasher implements HeaderHasher {

	private static final String SHA2_CLASS = "sun.security.provider.SHA2";

	private static final String SHA256_CLASS = "sun.security.provider.SHA2$SHA256";

	private static final int BLOCK = 64;

	private static final int WORDS = 8;

	private static final int TAIL_LENGTH = HeaderCodec.LENGTH - HeaderCodec.MIDSTATE_LENGTH;

	private static final int NONCE_IN_TAIL = HeaderCodec.NONCE_OFFSET - HeaderCodec.MIDSTATE_LENGTH;

	private static final VarHandle BIG_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class,
			ByteOrder.BIG_ENDIAN);

	/** {@code () -> new SHA2.SHA256()}, typed {@code ()Object}. */
	private static final @Nullable MethodHandle NEW_ENGINE;

	/** {@code SHA2.implCompress(byte[], int)}, typed {@code (Object, byte[], int)void}. */
	private static final @Nullable MethodHandle COMPRESS;

	/** {@code SHA2.state}. */
	private static final @Nullable VarHandle STATE;

	private static final @Nullable String INACCESSIBLE;

	static {
		MethodHandle newEngine = null;
		MethodHandle compress = null;
		VarHandle state = null;
		String inaccessible = null;
		try {
			Class<?> sha2 = Class.forName(SHA2_CLASS);
			MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(sha2, MethodHandles.lookup());
			newEngine = lookup.findConstructor(Class.forName(SHA256_CLASS), MethodType.methodType(void.class))
				.asType(MethodType.methodType(Object.class));
			compress = lookup
				.findVirtual(sha2, "implCompress", MethodType.methodType(void.class, byte[].class, int.class))
				.asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class));
			state = lookup.findVarHandle(sha2, "state", int[].class);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			inaccessible = ex.toString();
		}
		NEW_ENGINE = newEngine;
		COMPRESS = compress;
		STATE = state;
		INACCESSIBLE = inaccessible;
	}

	private final Object engine;

	/** The engine's live chaining value: the array {@code implCompress} reads and updates. */
	private final int[] state;

	private final int[] initial;

	private final int[] midstate = new int[WORDS];

	/** Header bytes 64..84, then the padding of an 84-byte message. */
	private final byte[] tail = paddedBlock(TAIL_LENGTH, HeaderCodec.LENGTH);

	/** Room for the first digest, then the padding of a 32-byte message. */
	private final byte[] second = paddedBlock(Hash.LENGTH, Hash.LENGTH);

	private MidstateHeaderHasher() {
		if (NEW_ENGINE == null || STATE == null) {
			throw new IllegalStateException("MIDSTATE hashing is unavailable: " + INACCESSIBLE);
		}
		try {
			engine = (Object) NEW_ENGINE.invokeExact();
		}
		catch (Throwable ex) {
			throw new IllegalStateException("cannot create the JDK's SHA-256 engine", ex);
		}
		state = (int[]) STATE.get(engine);
		initial = state.clone();
		load(new byte[HeaderCodec.LENGTH]);
	}

	/**
	 * A new hasher.
	 * @throws IllegalStateException if this strategy cannot run here
	 */
	static MidstateHeaderHasher create() {
		Optional<String> reason = unavailableReason();
		if (reason.isPresent()) {
			throw new IllegalStateException("MIDSTATE hashing is unavailable: " + reason.get());
		}
		return new MidstateHeaderHasher();
	}

	/** Why this strategy cannot run here, decided once per JVM; empty when it can. */
	static Optional<String> unavailableReason() {
		return Availability.REASON;
	}

	@Override
	public Strategy strategy() {
		return Strategy.MIDSTATE;
	}

	@Override
	public void load(byte[] header) {
		if (header.length != HeaderCodec.LENGTH) {
			throw new IllegalArgumentException("a header has " + HeaderCodec.LENGTH + " bytes, got " + header.length);
		}
		System.arraycopy(initial, 0, state, 0, WORDS);
		compress(header);
		System.arraycopy(state, 0, midstate, 0, WORDS);
		System.arraycopy(header, HeaderCodec.MIDSTATE_LENGTH, tail, 0, TAIL_LENGTH);
	}

	@Override
	public void hash(int nonce, byte[] out) {
		int[] state = this.state;
		BIG_ENDIAN_INT.set(tail, NONCE_IN_TAIL, nonce);
		System.arraycopy(midstate, 0, state, 0, WORDS);
		compress(tail);
		for (int i = 0; i < WORDS; i++) {
			BIG_ENDIAN_INT.set(second, 4 * i, state[i]);
		}
		System.arraycopy(initial, 0, state, 0, WORDS);
		compress(second);
		for (int i = 0; i < WORDS; i++) {
			BIG_ENDIAN_INT.set(out, 4 * i, state[i]);
		}
	}

	/** One SHA-256 compression of {@code block[0..64)} into {@link #state}. */
	private void compress(byte[] block) {
		try {
			COMPRESS.invokeExact(engine, block, 0);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("SHA-256 compression failed", ex);
		}
	}

	/**
	 * A block with room for {@code dataLength} bytes, then the SHA-256 padding of a message of {@code messageLength}
	 * bytes.
	 */
	private static byte[] paddedBlock(int dataLength, int messageLength) {
		byte[] block = new byte[BLOCK];
		block[dataLength] = (byte) 0x80;
		ByteBuffer.wrap(block).putLong(BLOCK - Long.BYTES, 8L * messageLength);
		return block;
	}

	/** Checks the reflective access, then a known answer, once, on first use. */
	private static final class Availability {

		static final Optional<String> REASON = check();

		private static Optional<String> check() {
			if (INACCESSIBLE != null) {
				return Optional.of(INACCESSIBLE);
			}
			try {
				MidstateHeaderHasher hasher = new MidstateHeaderHasher();
				byte[] header = new byte[HeaderCodec.LENGTH];
				for (int i = 0; i < header.length; i++) {
					header[i] = (byte) (31 * i + 7);
				}
				hasher.load(header);
				byte[] out = new byte[Hash.LENGTH];
				for (int nonce : new int[] { 0, 1, -1, Integer.MIN_VALUE }) {
					HeaderCodec.putNonce(header, nonce);
					hasher.hash(nonce, out);
					if (!Hash.of(out).equals(Sha256.doubleSha256(header))) {
						return Optional.of("the midstate hash disagrees with MessageDigest on a known header");
					}
				}
				return Optional.empty();
			}
			catch (RuntimeException ex) {
				return Optional.of(ex.toString());
			}
		}

	}

}
