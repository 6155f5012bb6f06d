package dev.minerfleet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.TestChain;

/**
 * {@code kill -9} while a real process appends blocks, 22 times on one data directory: every time the log reopens
 * without corruption, its blocks form a valid chain, and it holds every block the writer reported written (a block
 * whose append returned survives SIGKILL) and none the writer had not begun to append. The writer
 * restarts on the recovered log each round.
 */
class BlockLogKillIT {

	private static final Logger log = LoggerFactory.getLogger(BlockLogKillIT.class);

	private static final int ROUNDS = 22;

	@TempDir
	Path dir;

	@Test
	void everyBlockWhoseAppendReturnedSurvivesKillNineAndTheLogReopensAsAValidChain() throws Exception {
		SplittableRandom random = new SplittableRandom(0x5eed_0f_c0ffeeL);
		int height = 0;
		int tornRounds = 0;
		for (int round = 1; round <= ROUNDS; round++) {
			int killAfter = random.nextInt(150);
			boolean fsync = round % 3 == 0;
			Round result = runAndKill(random.nextLong(), fsync, killAfter, round);
			assertThat(result.ready()).as("round %d: the writer recovered the log", round).isEqualTo(height);

			try (BlockLog reopened = BlockLog.open(dir, TestChain.PARAMETERS, false)) {
				List<Block> blocks = reopened.recovery().blocks();
				assertIsAValidChain(blocks, round);
				assertThat(blocks.size()).as("round %d: every reported block survives, none not begun", round)
					.isBetween(result.lastWritten(), result.lastStarted());
				if (reopened.recovery().droppedBytes() > 0) {
					tornRounds++;
				}
				height = blocks.size();
				log.info("Round {}: killed after {} reported blocks (fsync {}), log holds {} blocks, {} bytes,"
						+ " {} torn bytes dropped", round, result.lastWritten() - result.ready(), fsync, height,
						reopened.size(), reopened.recovery().droppedBytes());
			}
		}
		log.info("{} rounds, {} of them with a torn last record, {} blocks in the end", ROUNDS, tornRounds, height);
		assertThat(height).isGreaterThan(ROUNDS);
	}

	private Round runAndKill(long seed, boolean fsync, int killAfter, int round) throws IOException, InterruptedException {
		Path stderr = dir.resolveSibling(dir.getFileName() + "-writer-" + round + ".err");
		Path progress = dir.resolveSibling(dir.getFileName() + "-writer-" + round + ".progress");
		Files.write(progress, ByteBuffer.allocate(12).putInt(-1).putInt(-1).putInt(-1).array());
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"--add-opens", "java.base/sun.security.provider=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				BlockLogWriterProcess.class.getName(), dir.toString(), Long.toString(seed), Boolean.toString(fsync),
				progress.toString())
			.redirectError(stderr.toFile())
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(1))
				.failFast("the writer died: " + stderr, () -> !process.isAlive())
				.until(() -> {
					ByteBuffer now = read(progress);
					int ready = now.getInt(BlockLogWriterProcess.READY);
					return ready >= 0 && now.getInt(BlockLogWriterProcess.WRITTEN) >= ready + killAfter;
				});
			process.destroyForcibly();
			assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
		}
		finally {
			process.destroyForcibly();
		}
		Files.deleteIfExists(stderr);
		ByteBuffer last = read(progress);
		Files.delete(progress);
		int ready = last.getInt(BlockLogWriterProcess.READY);
		int written = Math.max(last.getInt(BlockLogWriterProcess.WRITTEN), ready);
		return new Round(ready, Math.max(last.getInt(BlockLogWriterProcess.STARTED), written), written);
	}

	private static ByteBuffer read(Path progress) throws IOException {
		return ByteBuffer.wrap(Files.readAllBytes(progress));
	}

	private static void assertIsAValidChain(List<Block> blocks, int round) {
		Blockchain chain = new Blockchain(TestChain.PARAMETERS, TestChain.CLOCK);
		for (int i = 0; i < blocks.size(); i++) {
			assertThat(chain.add(blocks.get(i))).as("round %d, block #%d", round, i + 1)
				.isInstanceOf(AddResult.Extended.class);
		}
	}

	/**
	 * @param ready the height the writer recovered
	 * @param lastStarted the highest block it reported it was about to append
	 * @param lastWritten the highest block it reported written
	 */
	private record Round(int ready, int lastStarted, int lastWritten) {
	}

}
