package dev.minerfleet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.BlockCodec;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;

/**
 * A seeded mutation loop over a real block log: bit flips, byte overwrites, truncations, insertions, short deletions
 * and appended garbage, one to three at a time. Reading never lets an exception out; it refuses the file only when
 * the header was hit; otherwise it returns a prefix of the original blocks holding at least every record that lies
 * wholly before the first damaged byte. Every 200th mutant also goes through {@link BlockLog#open} on disk, which
 * must truncate it to that prefix and reopen it clean. 4 seeds of 25,000 mutants, 100,000 in all; the seed is in the
 * case name so a failure can be replayed.
 */
class BlockLogMutationTests {

	private static final int MUTATIONS_PER_SEED = 25_000;

	private static final ChainParameters PARAMETERS = TestChain.PARAMETERS;

	private static final long MAX_PAYLOAD = PARAMETERS.maxBlockBytes() + 4;

	private static final List<Block> BLOCKS = blocks();

	private static final byte[] LOG = log();

	/** ENDS[i]: the offset where the record of BLOCKS[i] ends. */
	private static final long[] ENDS = ends();

	static Stream<Long> seeds() {
		return LongStream.iterate(0x0b10c_109L, seed -> seed * 6364136223846793005L + 1442695040888963407L)
			.limit(4)
			.boxed();
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void noMutationOfARealLogLetsAnExceptionOutAndWhatIsReadIsAPrefixOfTheOriginalBlocks(long seed,
			@TempDir Path dir) throws IOException {
		SplittableRandom random = new SplittableRandom(seed);
		int refused = 0;
		int damaged = 0;
		for (int i = 0; i < MUTATIONS_PER_SEED; i++) {
			Mutant mutant = mutate(random);
			Optional<LogRecords.Scan> scan = read(mutant.bytes());
			if (scan.isEmpty()) {
				refused++;
				assertThat(mutant.firstChange()).as("a sound header is never refused, mutant %d", i)
					.isLessThan(LogHeader.LENGTH);
				continue;
			}
			List<Block> blocks = scan.get().blocks();
			assertThat(BLOCKS.subList(0, blocks.size())).as("mutant %d", i).isEqualTo(blocks);
			assertThat(blocks.size()).as("records before the first change survive, mutant %d", i)
				.isGreaterThanOrEqualTo(untouchedRecords(mutant.firstChange()));
			assertThat(scan.get().validLength())
				.isEqualTo(blocks.isEmpty() ? 0 : ENDS[blocks.size() - 1] - LogHeader.LENGTH);
			if (scan.get().problem().isPresent()) {
				damaged++;
			}
			if (i % 200 == 0) {
				assertOpenRecoversOnDisk(dir, mutant, scan.get());
			}
		}
		// the loop reached both outcomes, not only one
		assertThat(refused).isPositive();
		assertThat(damaged).isGreaterThan(MUTATIONS_PER_SEED / 2);
	}

	/** What {@link BlockLog#open} would read from these bytes, without a file: empty when it refuses them. */
	private static Optional<LogRecords.Scan> read(byte[] bytes) throws IOException {
		if (LogHeader.problem(bytes).isPresent() || !LogHeader.decode(bytes).equals(LogHeader.of(PARAMETERS))) {
			return Optional.empty();
		}
		return Optional.of(LogRecords.scan(
				new ByteArrayInputStream(bytes, LogHeader.LENGTH, bytes.length - LogHeader.LENGTH),
				bytes.length - LogHeader.LENGTH, MAX_PAYLOAD));
	}

	private static void assertOpenRecoversOnDisk(Path dir, Mutant mutant, LogRecords.Scan expected)
			throws IOException {
		Path file = dir.resolve(BlockLog.FILE_NAME);
		Files.write(file, mutant.bytes());
		try (BlockLog opened = BlockLog.open(dir, PARAMETERS, false)) {
			assertThat(opened.recovery().blocks()).isEqualTo(expected.blocks());
		}
		assertThat(file).hasSize(LogHeader.LENGTH + expected.validLength());
		try (BlockLog reopened = BlockLog.open(dir, PARAMETERS, false)) {
			assertThat(reopened.recovery().blocks()).isEqualTo(expected.blocks());
			assertThat(reopened.recovery().problem()).isEmpty();
		}
	}

	private static int untouchedRecords(long firstChange) {
		int count = 0;
		while (count < ENDS.length && ENDS[count] <= firstChange) {
			count++;
		}
		return count;
	}

	private static Mutant mutate(SplittableRandom random) {
		byte[] bytes = LOG.clone();
		long firstChange = Long.MAX_VALUE;
		int mutations = 1 + random.nextInt(3);
		for (int m = 0; m < mutations; m++) {
			int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
			switch (random.nextInt(6)) {
				case 0 -> {
					if (bytes.length > 0) {
						bytes[at] ^= (byte) (1 << random.nextInt(8));
					}
				}
				case 1 -> {
					if (bytes.length > 0) {
						bytes[at] = (byte) random.nextInt(256);
					}
				}
				case 2 -> bytes = Arrays.copyOf(bytes, at);
				case 3 -> {
					byte[] inserted = new byte[1 + random.nextInt(16)];
					random.nextBytes(inserted);
					bytes = splice(bytes, at, 0, inserted);
				}
				case 4 -> bytes = splice(bytes, at, Math.min(1 + random.nextInt(7), bytes.length - at), new byte[0]);
				default -> {
					byte[] garbage = new byte[1 + random.nextInt(64)];
					random.nextBytes(garbage);
					at = bytes.length;
					bytes = splice(bytes, at, 0, garbage);
				}
			}
			firstChange = Math.min(firstChange, at);
		}
		return new Mutant(bytes, firstChange);
	}

	private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
		byte[] out = new byte[bytes.length - remove + insert.length];
		System.arraycopy(bytes, 0, out, 0, at);
		System.arraycopy(insert, 0, out, at, insert.length);
		System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
		return out;
	}

	/**
	 * @param firstChange the lowest offset a mutation touched; bytes before it are the original's
	 */
	private record Mutant(byte[] bytes, long firstChange) {
	}

	private static List<Block> blocks() {
		TestChain chain = new TestChain();
		List<Block> blocks = new ArrayList<>();
		Block parent = chain.genesis();
		for (int i = 0; i < 12; i++) {
			Transaction[] transactions = new Transaction[i % 4];
			for (int t = 0; t < transactions.length; t++) {
				transactions[t] = chain.transaction();
			}
			parent = chain.block(parent, "miner-" + i, transactions);
			blocks.add(parent);
		}
		return blocks;
	}

	private static byte[] log() {
		byte[] header = LogHeader.of(PARAMETERS).encode();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(header);
		for (Block block : BLOCKS) {
			ByteBuffer record = LogRecords.frame(block);
			out.write(record.array(), 0, record.limit());
		}
		return out.toByteArray();
	}

	private static long[] ends() {
		long[] ends = new long[BLOCKS.size()];
		long offset = LogHeader.LENGTH;
		for (int i = 0; i < ends.length; i++) {
			offset += LogRecords.FRAME_LENGTH + BlockCodec.encode(BLOCKS.get(i)).length;
			ends[i] = offset;
		}
		return ends;
	}

}
