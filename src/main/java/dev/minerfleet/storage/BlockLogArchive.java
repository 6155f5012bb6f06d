package dev.minerfleet.storage;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.minerfleet.chain.Block;
import dev.minerfleet.node.BlockArchive;

/**
 * The node's archive on a {@link BlockLog}. A failed write (a full disk, say) is logged once at
 * ERROR and stops the archiving: the miner keeps running in memory, its health shows "storage"
 * DOWN, and the next start-up recovers the log as it was before the failure.
 */
final class BlockLogArchive implements BlockArchive, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(BlockLogArchive.class);

	private final BlockLog blockLog;

	private final AtomicLong kept = new AtomicLong();

	private final AtomicLong unsaved = new AtomicLong();

	private volatile Optional<String> failure = Optional.empty();

	private boolean closed;

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
			blockLog.append(block);
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
		blockLog.close();
	}

}
