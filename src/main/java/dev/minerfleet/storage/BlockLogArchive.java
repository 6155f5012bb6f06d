package dev.minerfleet.storage;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.minerfleet.chain.Block;
import dev.minerfleet.node.BlockArchive;

/**
 * The node's archive on a {@link BlockLog}. A failed write (a full disk, say) is logged once at
 * ERROR and stops the archiving: the miner keeps running in memory, its health shows "storage"
 * DOWN, and the next start-up recovers the log as it was before the failure.
 *
 * <p>
 * Writes run on a thread of their own, which nothing interrupts: the log's {@code FileChannel} closes
 * itself when the thread writing to it is interrupted, and the mining thread that hands most blocks
 * over is interrupted when mining stops (seen: the last block before a shutdown lost to a
 * {@code ClosedByInterruptException}). The caller waits for its write, interrupt or not.
 */
final class BlockLogArchive implements BlockArchive, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(BlockLogArchive.class);

	private final BlockLog blockLog;

	private final AtomicLong kept = new AtomicLong();

	private final AtomicLong unsaved = new AtomicLong();

	private volatile Optional<String> failure = Optional.empty();

	private boolean closed;

	/** The one thread that writes to the log. */
	private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
		Thread thread = new Thread(task, "block-log-writer");
		thread.setDaemon(true);
		return thread;
	});

	BlockLogArchive(BlockLog blockLog) {
		this.blockLog = blockLog;
	}

	@Override
	public String location() {
		return blockLog.file().getParent().toString();
	}

	@Override
	public List<Block> storedBlocks() {
		List<Block> blocks = blockLog.recovery().blocks();
		blockLog.releaseRecoveredBlocks();
		return blocks;
	}

	@Override
	public synchronized void keep(Block block) {
		if (closed) {
			// the application is stopping: a block that still arrives is fetched again after the restart
			log.debug("Not writing block {}: the block log is closed", block.hash().abbreviated());
			return;
		}
		if (failure.isPresent()) {
			unsaved.incrementAndGet();
			return;
		}
		try {
			appendUninterruptibly(block);
			kept.incrementAndGet();
		}
		catch (IOException ex) {
			unsaved.incrementAndGet();
			failure = Optional.of(ex.toString());
			log.error("Cannot write block {} to {}: {}. Blocks are no longer stored; this miner goes on in memory"
					+ " and a restart loads the log as it was before this block.", block.hash().abbreviated(),
					blockLog.file(), ex.toString());
		}
	}

	/** Appends on the writer thread and waits for it; an interrupt meanwhile is kept for the caller. */
	private void appendUninterruptibly(Block block) throws IOException {
		Future<?> write = writer.submit(() -> {
			blockLog.append(block);
			return null;
		});
		boolean interrupted = false;
		try {
			while (true) {
				try {
					write.get();
					return;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					if (ex.getCause() instanceof IOException io) {
						throw io;
					}
					throw new IOException(ex.getCause());
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Why writing stopped, when it did. */
	Optional<String> failure() {
		return failure;
	}

	/** Blocks written since start-up. */
	long kept() {
		return kept.get();
	}

	/** Blocks not written because writing failed. */
	long unsaved() {
		return unsaved.get();
	}

	BlockLog blockLog() {
		return blockLog;
	}

	@Override
	public synchronized void close() {
		closed = true;
		writer.shutdown();
		blockLog.close();
	}

}
