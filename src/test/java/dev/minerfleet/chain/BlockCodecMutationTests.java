package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A seeded fuzz loop over the binary block decoder that reads the block log ({@link BlockCodec#decode}), and through it
 * {@link HeaderCodec} and the canonical transaction bytes: 4 seeds of 25,000 mutations of real encoded blocks, 100,000
 * in all, the seed in the case name. The mutations flip bits, overwrite bytes, cut, insert and delete runs of bytes, and
 * write extreme values into the transaction count and into text length prefixes. Decoding never throws, and whatever it
 * accepts is canonical: encoding the decoded block gives back exactly the bytes it was decoded from.
 */
class BlockCodecMutationTests {

	private static final int CASES_PER_SEED = 25_000;

	private static final int[] EXTREMES = { 0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xffff, 0x10000, 65_535 };

	private final TestChain chain = new TestChain();

	private final List<byte[]> originals = List.of(
			BlockCodec.encode(chain.block(chain.genesis(), "miner-2",
					Transaction.create("alice", "bob", 5, "rent é 中 😀", 1_767_225_601_000L, "miner-3"),
					Transaction.create("", "", 0, "", 0, ""))),
			BlockCodec.encode(chain.block(chain.genesis(), "miner-1")),
			BlockCodec.encode(ChainParameters.defaults().genesisBlock()));

	static Stream<Long> seeds() {
		return Stream.of(0xb10cL, 0xc0dec0deL, 42L, 7_777_777L);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void noMutatedBlockLetsAnExceptionOutAndEveryDecodedBlockIsCanonical(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		int decoded = 0;
		for (int i = 0; i < CASES_PER_SEED; i++) {
			byte[] original = originals.get(random.nextInt(originals.size()));
			byte[] mutated = mutate(original, random);
			Optional<Block> block;
			try {
				block = BlockCodec.decode(mutated);
			}
			catch (Throwable ex) {
				throw new AssertionError(
						"case " + i + " of seed " + seed + " threw on " + HexFormat.of().formatHex(mutated), ex);
			}
			if (block.isPresent()) {
				decoded++;
				assertThat(BlockCodec.encode(block.get())).as("case %d of seed %d re-encoded", i, seed)
					.isEqualTo(mutated);
			}
		}
		// header bytes take any value: many mutants still decode, and so the check above runs
		assertThat(decoded).as("mutants that decode").isGreaterThan(CASES_PER_SEED / 10);
		assertThat(decoded).as("mutants that do not").isLessThan(CASES_PER_SEED);
	}

	private static byte[] mutate(byte[] original, SplittableRandom random) {
		byte[] bytes = original.clone();
		int rounds = 1 + random.nextInt(3);
		for (int round = 0; round < rounds && bytes.length > 0; round++) {
			int at = random.nextInt(bytes.length);
			switch (random.nextInt(7)) {
				case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
				case 1 -> bytes[at] = (byte) random.nextInt(256);
				case 2 -> bytes = Arrays.copyOf(bytes, at);
				case 3 -> {
					byte[] inserted = new byte[1 + random.nextInt(8)];
					random.nextBytes(inserted);
					byte[] longer = new byte[bytes.length + inserted.length];
					System.arraycopy(bytes, 0, longer, 0, at);
					System.arraycopy(inserted, 0, longer, at, inserted.length);
					System.arraycopy(bytes, at, longer, at + inserted.length, bytes.length - at);
					bytes = longer;
				}
				case 4 -> {
					int end = Math.min(bytes.length, at + 1 + random.nextInt(8));
					byte[] shorter = new byte[bytes.length - (end - at)];
					System.arraycopy(bytes, 0, shorter, 0, at);
					System.arraycopy(bytes, end, shorter, at, bytes.length - end);
					bytes = shorter;
				}
				case 5 -> {
					if (bytes.length >= BlockCodec.MIN_LENGTH) {
						ByteBuffer.wrap(bytes).putInt(HeaderCodec.LENGTH, EXTREMES[random.nextInt(EXTREMES.length)]);
					}
				}
				default -> {
					// a text length prefix somewhere in the transactions
					if (bytes.length > BlockCodec.MIN_LENGTH + 2) {
						int offset = BlockCodec.MIN_LENGTH + random.nextInt(bytes.length - BlockCodec.MIN_LENGTH - 1);
						ByteBuffer.wrap(bytes).putShort(offset, (short) EXTREMES[random.nextInt(EXTREMES.length)]);
					}
				}
			}
		}
		return bytes;
	}

}
