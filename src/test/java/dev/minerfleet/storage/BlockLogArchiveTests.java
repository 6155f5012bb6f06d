package dev.minerfleet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.TestChain;

class BlockLogArchiveTests {

	private static final TestChain CHAIN = new TestChain();

	private static final List<Block> BLOCKS = CHAIN.blocks(CHAIN.genesis(), "miner-1", 3);

	@TempDir
	Path dir;

	@Test
	void keptBlocksAreWrittenAndHealthIsUpWithWhatWasWritten() {
		try (BlockLogArchive archive = new BlockLogArchive(BlockLog.open(dir, TestChain.PARAMETERS, false))) {
			BLOCKS.forEach(archive::keep);
			Health health = new StorageHealthIndicator(archive).health();

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("blocksWritten", 3L)
				.containsEntry("dataDir", dir.toAbsolutePath().normalize().toString());
		}
		try (BlockLogArchive reopened = new BlockLogArchive(BlockLog.open(dir, TestChain.PARAMETERS, false))) {
			long kept = reopened.blockLog().recovery().keptBytes();
			assertThat(reopened.storedBlocks()).containsExactlyElementsOf(BLOCKS);
			// handed to the node, the blocks are not held a second time; what recovery found stays
			assertThat(reopened.blockLog().recovery().blocks()).isEmpty();
			assertThat(reopened.blockLog().recovery().keptBytes()).isEqualTo(kept).isPositive();
		}
	}

	@Test
	void aBlockHandedOverByAnInterruptedThreadIsStillWrittenAndTheInterruptKept() {
		try (BlockLogArchive archive = new BlockLogArchive(BlockLog.open(dir, TestChain.PARAMETERS, false))) {
			// as the mining thread is when mining stops: a FileChannel written from it would close itself
			Thread.currentThread().interrupt();
			try {
				BLOCKS.forEach(archive::keep);
			}
			finally {
				assertThat(Thread.interrupted()).as("the caller's interrupt, kept and now cleared").isTrue();
			}
			assertThat(archive.failure()).isEmpty();
			assertThat(archive.kept()).isEqualTo(3);
		}
		try (BlockLogArchive reopened = new BlockLogArchive(BlockLog.open(dir, TestChain.PARAMETERS, false))) {
			assertThat(reopened.storedBlocks()).containsExactlyElementsOf(BLOCKS);
		}
	}

	@Test
	void aFailedWriteStopsArchivingWithoutThrowingAndHealthGoesDown() {
		try (BlockLogArchive archive = new BlockLogArchive(BlockLog.open(dir, TestChain.PARAMETERS, false))) {
			archive.keep(BLOCKS.get(0));
			archive.blockLog().close(); // the disk goes away under the miner

			archive.keep(BLOCKS.get(1));
			archive.keep(BLOCKS.get(2));

			Health health = new StorageHealthIndicator(archive).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("unsavedBlocks", 2L).containsKey("error");
			assertThat(archive.failure()).get().asString().contains("ClosedChannelException");
		}
		try (BlockLog reopened = BlockLog.open(dir, TestChain.PARAMETERS, false)) {
			assertThat(reopened.recovery().blocks()).containsExactly(BLOCKS.get(0));
		}
	}

}
