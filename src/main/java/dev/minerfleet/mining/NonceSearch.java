package dev.minerfleet.mining;

import java.util.concurrent.atomic.LongAdder;

import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.HeaderCodec;
import dev.minerfleet.chain.Target;

/**
 * The nonce loop: hashes one header for the nonces of a {@link NonceStride} until a hash meets the target, the stride
 * runs out or the search is cancelled. Nothing is allocated per hash: the header is encoded once, each hash lands in
 * the same array and is compared raw with {@link Target#isMetBy(byte[])}; a {@link Hash} is made only for the
 * winner.
 *
 * <p>
 * Every {@value #BATCH} hashes it asks the {@link Cancellation} and adds the hashes done to the shared counter, from
 * which metrics derive the hash rate; with a {@link HashRateLimit}, it also waits there for the limit's leave to do the
 * next batch. Not thread-safe: one search per thread, all adding to one counter and sharing one limit if wanted.
 */
public final class NonceSearch {

	/** Hashes between two looks at the cancellation and two additions to the counter. */
	public static final int BATCH = 4096;

	private final HeaderHasher hasher;

	private final LongAdder hashes;

	private final HashRateLimit limit;

	/** Whether {@link #limit} is asked at all: an unlimited search pays one predictable branch per batch. */
	private final boolean throttled;

	private final byte[] encoded = new byte[HeaderCodec.LENGTH];

	private final byte[] hash = new byte[Hash.LENGTH];

	/**
	 * A search hashing with {@code hasher} and adding every hash it does to {@code hashes}.
	 */
	public NonceSearch(HeaderHasher hasher, LongAdder hashes) {
		this(hasher, hashes, HashRateLimit.unlimited());
	}

	/**
	 * A search hashing with {@code hasher}, adding every hash it does to {@code hashes} and doing no more than
	 * {@code limit} allows.
	 */
	public NonceSearch(HeaderHasher hasher, LongAdder hashes, HashRateLimit limit) {
		this.hasher = hasher;
		this.hashes = hashes;
		this.limit = limit;
		this.throttled = !limit.isUnlimited();
	}

	/** The strategy of the hasher this search uses. */
	public HeaderHasher.Strategy strategy() {
		return hasher.strategy();
	}

	/**
	 * Tries the nonces of {@code stride} in order on {@code header} (whose own nonce is ignored).
	 * @return {@link Found} with the first nonce whose hash meets {@code target}, {@link Exhausted} when no nonce of
	 * the stride does (the header must change), or {@link Cancelled}
	 */
	public Result search(BlockHeader header, Target target, NonceStride stride, Cancellation cancellation) {
		HeaderCodec.encode(header, encoded);
		hasher.load(encoded);
		int step = stride.stride();
		int nonce = stride.start();
		long remaining = stride.size();
		while (remaining > 0) {
			if (cancellation.isCancelled()) {
				return Cancelled.INSTANCE;
			}
			int batch = (int) Math.min(remaining, BATCH);
			if (throttled && !limit.acquire(batch, cancellation)) {
				return Cancelled.INSTANCE;
			}
			for (int i = 0; i < batch; i++) {
				hasher.hash(nonce, hash);
				if (target.isMetBy(hash)) {
					hashes.add(i + 1);
					return new Found(header.withNonce(nonce), Hash.of(hash));
				}
				nonce += step;
			}
			hashes.add(batch);
			remaining -= batch;
		}
		return Exhausted.INSTANCE;
	}

	/** How a search ended. */
	public sealed interface Result permits Found, Exhausted, Cancelled {

	}

	/**
	 * A nonce meeting the target.
	 * @param header the searched header with that nonce
	 * @param hash its hash
	 */
	public record Found(BlockHeader header, Hash hash) implements Result {

	}

	/** Every nonce of the stride was tried on this header: change the header and search again. */
	public record Exhausted() implements Result {

		static final Exhausted INSTANCE = new Exhausted();

	}

	/** The cancellation said stop. */
	public record Cancelled() implements Result {

		static final Cancelled INSTANCE = new Cancelled();

	}

}
