package dev.minerfleet.storage;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
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
 * killed. It prints {@code ready <height>} once, then {@code written <height>} after each append has returned.
 * Arguments: directory, seed, fsync (true or false).
 */
public final class BlockLogWriterProcess {

	private BlockLogWriterProcess() {
	}

	public static void main(String[] args) throws IOException {
		Path dir = Path.of(args[0]);
		SplittableRandom random = new SplittableRandom(Long.parseLong(args[1]));
		boolean fsync = Boolean.parseBoolean(args[2]);
		PrintStream out = System.out;
		ChainParameters parameters = TestChain.PARAMETERS;
		Blockchain chain = new Blockchain(parameters, TestChain.CLOCK);
		try (BlockLog log = BlockLog.open(dir, parameters, fsync)) {
			for (Block block : log.recovery().blocks()) {
				if (!(chain.add(block) instanceof AddResult.Extended)) {
					System.err.println("recovered block " + block.hash() + " does not extend the chain");
					System.exit(3);
				}
			}
			out.println("ready " + chain.snapshot().height());
			out.flush();
			long extraNonce = random.nextLong() & Long.MAX_VALUE;
			while (true) {
				StoredBlock tip = chain.snapshot().tip();
				Block block = child(parameters, tip, random, extraNonce++);
				log.append(block);
				out.println("written " + (tip.height() + 1));
				out.flush();
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
