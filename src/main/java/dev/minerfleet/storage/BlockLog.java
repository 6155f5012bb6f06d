package dev.minerfleet.storage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainParameters;

/**
 * A miner's blocks in its data directory: {@value #FILE_NAME}, a {@link LogHeader} and then one
 * checksummed record per block ({@link LogRecords}), appended in the order the blocks joined the
 * tree, parents before children. Records are never rewritten.
 *
 * <p>
 * Opening takes the directory's {@value #LOCK_NAME} file lock (one miner per directory), checks
 * the header names the configured chain and recovers the log: it reads records up to the first
 * unsound one (a write torn by a crash, a flipped bit) and truncates the file there, with a WARN
 * naming the bytes dropped. A block whose {@link #append} returned survives {@code kill -9}; with
 * {@code fsync} it survives a power loss too.
 *
 * <p>
 * Not thread-safe: one thread appends (the chain adds blocks one at a time).
 */
public final class BlockLog implements AutoCloseable {

	public static final String FILE_NAME = "blocks.log";

	public static final String LOCK_NAME = "lock";

	private static final Logger log = LoggerFactory.getLogger(BlockLog.class);

	private final Path file;

	private final FileChannel lockChannel;

	private final FileChannel channel;

	private final boolean fsync;

	private volatile Recovery recovery;

	private long size;

	private BlockLog(Path file, FileChannel lockChannel, FileChannel channel, boolean fsync, Recovery recovery,
			long size) {
		this.file = file;
		this.lockChannel = lockChannel;
		this.channel = channel;
		this.fsync = fsync;
		this.recovery = recovery;
		this.size = size;
	}

	/**
	 * Opens, or creates, the block log of {@code directory} for the chain of {@code parameters}.
	 * @param fsync whether each append waits until the block is on the disk (survives power loss),
	 * not only in the operating system's cache (survives the process being killed)
	 * @throws StorageException when another miner uses the directory, the log holds another
	 * chain or is not a block log, or the disk cannot be read
	 */
	public static BlockLog open(Path directory, ChainParameters parameters, boolean fsync) {
		Path dir = directory.toAbsolutePath().normalize();
		try {
			Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new StorageException("Cannot create the data directory " + dir + ": " + ex,
					"Point storage.data-dir at a writable directory.", ex);
		}
		FileChannel lockChannel = lock(dir);
		try {
			Path file = dir.resolve(FILE_NAME);
			createIfAbsent(file, LogHeader.of(parameters));
			FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
			try {
				LogHeader expected = LogHeader.of(parameters);
				checkHeader(file, channel, expected);
				long maxPayload = Math.min(Integer.MAX_VALUE - 16, parameters.maxBlockBytes() + 4);
				Recovery recovery = recover(file, channel, maxPayload);
				long size = LogHeader.LENGTH + recovery.keptBytes();
				channel.position(size);
				return new BlockLog(file, lockChannel, channel, fsync, recovery, size);
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			closeQuietly(lockChannel);
			throw new StorageException("Cannot read the block log in " + dir + ": " + ex,
					"Check the disk and the permissions of storage.data-dir.", ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(lockChannel);
			throw ex;
		}
	}

	private static FileChannel lock(Path dir) {
		Path lockFile = dir.resolve(LOCK_NAME);
		FileChannel channel;
		try {
			channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new StorageException("Cannot open the lock file " + lockFile + ": " + ex,
					"Point storage.data-dir at a writable directory.", ex);
		}
		try {
			FileLock lock = tryLock(channel);
			if (lock == null) {
				String holder = holder(lockFile);
				channel.close();
				throw new StorageException("The data directory " + dir + " is in use by another miner" + holder
						+ ": two miners must never share one block log.",
						"Give each miner its own storage.data-dir, or stop the miner that uses this one.");
			}
			channel.truncate(0);
			channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
					0);
			return channel;
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw new StorageException("Cannot lock " + lockFile + ": " + ex,
					"Point storage.data-dir at a local, writable directory.", ex);
		}
	}

	/** The lock, or null when another process, or another channel of this one, holds it. */
	private static FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			return null;
		}
	}

	private static String holder(Path lockFile) {
		try {
			String pid = Files.readString(lockFile, StandardCharsets.US_ASCII).trim();
			return pid.matches("[0-9]{1,19}") ? " (process " + pid + ")" : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** A new log is written aside and moved in whole, so a log file always has its header. */
	private static void createIfAbsent(Path file, LogHeader header) throws IOException {
		if (Files.exists(file) && Files.size(file) > 0) {
			return;
		}
		Path fresh = file.resolveSibling(FILE_NAME + ".new");
		try (FileChannel out = FileChannel.open(fresh, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			out.write(ByteBuffer.wrap(header.encode()));
			out.force(true);
		}
		try {
			Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING);
		}
		forceDirectory(file.getParent());
	}

	/** Makes a new directory entry durable; not every platform can open a directory, and then it is left. */
	private static void forceDirectory(Path dir) {
		try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
			directory.force(true);
		}
		catch (IOException ex) {
			log.debug("Cannot sync directory {}: {}", dir, ex.toString());
		}
	}

	private static void checkHeader(Path file, FileChannel channel, LogHeader expected) throws IOException {
		ByteBuffer bytes = ByteBuffer.allocate(LogHeader.LENGTH);
		while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) > 0) {
			// read until full or end of file
		}
		byte[] header = Arrays.copyOf(bytes.array(), bytes.position());
		Optional<String> problem = LogHeader.problem(header);
		if (problem.isPresent()) {
			throw new StorageException(file + " is not a block log this miner can read: " + problem.get() + ".",
					"Move the file away (it is left untouched), or point storage.data-dir at another directory.");
		}
		LogHeader found = LogHeader.decode(header);
		if (!found.genesis().equals(expected.genesis())) {
			throw new StorageException(file + " holds the chain with genesis block " + found.genesis().abbreviated()
					+ ", but this miner is configured for the chain with genesis block "
					+ expected.genesis().abbreviated() + " (chain.difficulty-bits differs from the run that wrote it).",
					"Start with the chain.* settings the log was written with, or point storage.data-dir at another"
							+ " directory.");
		}
		if (!found.consensus().equals(expected.consensus())) {
			throw new StorageException(file + " holds a chain with other consensus settings than this miner's"
					+ " (chain.retarget-interval, chain.block-interval, chain.max-block-transactions or"
					+ " chain.max-block-size differ from the run that wrote it).",
					"Start with the chain.* settings the log was written with, or point storage.data-dir at another"
							+ " directory.");
		}
	}

	private static Recovery recover(Path file, FileChannel channel, long maxPayload) throws IOException {
		long available = channel.size() - LogHeader.LENGTH;
		channel.position(LogHeader.LENGTH);
		InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
		LogRecords.Scan scan = LogRecords.scan(in, available, maxPayload);
		long dropped = available - scan.validLength();
		if (scan.problem().isPresent()) {
			long at = LogHeader.LENGTH + scan.validLength();
			log.warn("Dropped {} bytes of {} from offset {} on: {}; kept {} blocks before it", dropped, file, at,
					scan.problem().get(), scan.blocks().size());
			channel.truncate(at);
			channel.force(true);
		}
		return new Recovery(scan.blocks(), scan.validLength(), dropped, scan.problem());
	}

	/**
	 * What opening found: the blocks kept and what was dropped; no blocks once {@link #releaseRecoveredBlocks()} ran.
	 */
	public Recovery recovery() {
		return recovery;
	}

	/**
	 * Lets go of the recovered blocks once the node holds them in its chain: kept here too, a long chain would sit in
	 * memory twice until shutdown. The counts of what was kept and dropped stay.
	 */
	public void releaseRecoveredBlocks() {
		Recovery found = recovery;
		recovery = new Recovery(List.of(), found.keptBytes(), found.droppedBytes(), found.problem());
	}

	public Path file() {
		return file;
	}

	/** Bytes of the log, header included. */
	public long size() {
		return size;
	}

	/**
	 * Appends a block. When this returns, the block survives the process being killed (and,
	 * with fsync, a power loss). A failed write leaves the log as it was before, as far as the
	 * disk allows: a torn record left behind is dropped by the next open.
	 */
	public void append(Block block) throws IOException {
		ByteBuffer record = LogRecords.frame(block);
		int length = record.remaining();
		try {
			while (record.hasRemaining()) {
				channel.write(record);
			}
			if (fsync) {
				channel.force(false);
			}
		}
		catch (IOException ex) {
			try {
				channel.truncate(size);
				channel.position(size);
			}
			catch (IOException suppressed) {
				ex.addSuppressed(suppressed);
			}
			throw ex;
		}
		size += length;
	}

	/** Releases the file and the directory's lock. */
	@Override
	public void close() {
		closeQuietly(channel);
		closeQuietly(lockChannel);
	}

	private static void closeQuietly(FileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			log.debug("Closing failed: {}", ex.toString());
		}
	}

	/**
	 * What opening the log found.
	 * @param blocks the blocks of the valid prefix, in log order
	 * @param keptBytes bytes of records kept, after the header
	 * @param droppedBytes bytes truncated from the end, 0 when the log was sound
	 * @param problem what was wrong with the first dropped record
	 */
	public record Recovery(List<Block> blocks, long keptBytes, long droppedBytes, Optional<String> problem) {

		public Recovery {
			blocks = List.copyOf(blocks);
		}

	}

}
