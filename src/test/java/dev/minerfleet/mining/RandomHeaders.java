package dev.minerfleet.mining;

import java.util.random.RandomGenerator;

import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.Hash;

/** Random headers for seeded tests. */
final class RandomHeaders {

	private RandomHeaders() {
	}

	static BlockHeader next(RandomGenerator random) {
		return new BlockHeader(random.nextInt(), hash(random), hash(random), random.nextLong(), random.nextInt(),
				random.nextInt());
	}

	private static Hash hash(RandomGenerator random) {
		byte[] bytes = new byte[Hash.LENGTH];
		random.nextBytes(bytes);
		return Hash.of(bytes);
	}

}
