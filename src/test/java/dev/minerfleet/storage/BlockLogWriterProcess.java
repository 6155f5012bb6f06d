package dev.minerfleet.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;

/**
 * The child process of {@link BlockLogKillIT}: opens the block log in a directory (recovering it), checks every
 * recovered block extends the chain, then appends valid blocks of 0 to 60 transactions in a tight loop until it is
 * killed. It reports its progress in a file of three big-endian ints, each updated by one positional write: the
 * height it recovered ({@link #READY}), the height of the block it is about to append ({@link #STARTED}) and that of
 * the last block whose append returned ({@link #WRITTEN}); -1 until known. A file, not standard output: what a
 * process wrote to a pipe just before SIGKILL does not always reach the reading JVM, what it wrote to a file does.
 * Arguments: directory, seed, fsync (true or false).
 */
public final class BlockLogWriterProcess {

	static final int READY = 0;

	static final int STARTED = 4;

	static final int WRITTEN = 8;

	private BlockLogWriterProcess() {
	}

	private static void report(FileChannel progress, int offset, int value) throws IOException {
		progress.write(ByteBuffer.allocate(4).putInt(0, value), offset);
	}

	public static void main(String[] args) throws IOException {
		Path dir = Path.of(args[0]);
		SplittableRandom random = new SplittableRandom(Long.parseLong(args[1]));
		boolean fsync = Boolean.parseBoolean(args[2]);
		FileChannel progress = FileChannel.open(Path.of(args[3]), StandardOpenOption.WRITE);
		ChainParameters parameters = TestChain.PARAMETERS;
		Blockchain chain = new Blockchain(parameters, TestChain.CLOCK);
		try (BlockLog log = BlockLog.open(dir, parameters, fsync)) {
			for (Block block : log.recovery().blocks()) {
				if (!(chain.add(block) instanceof AddResult.Extended)) {
					System.err.println("recovered block " + block.hash() + " does not extend the chain");
					System.exit(3);
				}
			}
			report(progress, READY, chain.snapshot().height());
			long extraNonce = random.nextLong() & Long.MAX_VALUE;
			while (true) {
				StoredBlock tip = chain.snapshot().tip();
				Block block = child(parameters, tip, random, extraNonce++);
				report(progress, STARTED, tip.height() + 1);
				log.append(block);
				report(progress, WRITTEN, tip.height() + 1);
				if (!(chain.add(block) instanceof AddResult.Extended)) {
					System.err.println("own block " + block.hash() + " does not extend the chain");
					System.exit(4);
				}
			}
		}
	}

	private static Block child(ChainParameters parameters, StoredBlock parent, SplittableRandom random,
			long extraNonce) {
		int height = parent.height() + 1;
		long timestamp = parent.timestamp() + 100;
		List<Transaction> transactions = new ArrayList<>();
		transactions.add(Transaction.coinbase("writer", height, extraNonce, timestamp, parameters.blockReward()));
		int count = random.nextInt(61);
		for (int i = 0; i < count; i++) {
			transactions.add(Transaction.create("alice-" + random.nextInt(1000), "bob", random.nextInt(1_000_000),
					"block " + height + " tx " + i, timestamp - 1, "writer"));
		}
		BlockHeader header = new BlockHeader(parameters.version(), parent.hash(), Hash.ZERO, timestamp,
				parameters.initialTarget().compact(), 0);
		return TestChain.mine(Block.assemble(header, transactions));
	}

}
