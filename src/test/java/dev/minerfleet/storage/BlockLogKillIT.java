package dev.minerfleet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * whose append returned survives SIGKILL) and at most one more (one written but not yet reported). The writer
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
				assertThat(blocks.size()).as("round %d: every reported block survives, at most one more", round)
					.isBetween(result.lastWritten(), result.lastWritten() + 1);
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
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"--add-opens", "java.base/sun.security.provider=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				BlockLogWriterProcess.class.getName(), dir.toString(), Long.toString(seed), Boolean.toString(fsync))
			.redirectError(stderr.toFile())
			.start();
		AtomicInteger ready = new AtomicInteger(-1);
		AtomicInteger lastWritten = new AtomicInteger(-1);
		Thread reader = new Thread(() -> read(process, ready, lastWritten), "writer-stdout-" + round);
		reader.start();
		try {
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(1))
				.failFast("the writer died: " + stderr, () -> !process.isAlive())
				.until(() -> ready.get() >= 0 && lastWritten.get() >= ready.get() + killAfter);
			process.destroyForcibly();
			assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
			reader.join(10_000);
			assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
		}
		finally {
			process.destroyForcibly();
		}
		Files.deleteIfExists(stderr);
		int written = Math.max(lastWritten.get(), ready.get());
		return new Round(ready.get(), written);
	}

	/** Reads the writer's lines until it dies; lines it printed before the kill are all read. */
	private static void read(Process process, AtomicInteger ready, AtomicInteger lastWritten) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.startsWith("ready ")) {
					ready.set(Integer.parseInt(line.substring(6)));
				}
				else if (line.startsWith("written ")) {
					lastWritten.set(Integer.parseInt(line.substring(8)));
				}
			}
		}
		catch (IOException ex) {
			// the pipe closed: the writer is gone
		}
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
	 * @param lastWritten the highest block it reported written
	 */
	private record Round(int ready, int lastWritten) {
	}

}
