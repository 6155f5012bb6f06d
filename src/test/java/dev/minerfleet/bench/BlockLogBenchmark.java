package dev.minerfleet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool;
import dev.minerfleet.node.Ledger;
import dev.minerfleet.storage.BlockLog;

/**
 * What the block log costs (docs/adr/0004-block-log.md): bytes per block on disk, an append with and without fsync,
 * and a start-up that opens the log and replays every block through full validation, as the miner does. Not a test:
 * run it by hand, arguments {@code [blocks] [transactions per block] [fsynced appends]}, default 10000 5 500:
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java --add-opens java.base/sun.security.provider=ALL-UNNAMED -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     dev.minerfleet.bench.BlockLogBenchmark 10000 5 500
 * </pre>
 */
public final class BlockLogBenchmark {

	private BlockLogBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		int count = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		int transactions = (args.length > 1) ? Integer.parseInt(args[1]) : 5;
		int fsynced = (args.length > 2) ? Integer.parseInt(args[2]) : 500;
		Path dir = Files.createTempDirectory("block-log-bench");
		try {
			List<Block> blocks = chain(count, transactions);
			System.out.printf("%,d blocks of %d transactions + coinbase%n", count, transactions);

			long start = System.nanoTime();
			try (BlockLog log = BlockLog.open(dir.resolve("plain"), TestChain.PARAMETERS, false)) {
				for (Block block : blocks) {
					log.append(block);
				}
				double ms = (System.nanoTime() - start) / 1e6;
				System.out.printf("append without fsync: %.1f ms in all, %.1f us a block; log %,d bytes, %.1f bytes a block%n",
						ms, ms * 1000 / count, log.size(), (double) log.size() / count);
			}
			for (int round = 1; round <= 3; round++) {
				start = System.nanoTime();
				int height;
				try (BlockLog log = BlockLog.open(dir.resolve("plain"), TestChain.PARAMETERS, false)) {
					long opened = System.nanoTime();
					Ledger ledger = new Ledger(new Blockchain(TestChain.PARAMETERS, TestChain.CLOCK),
							new Mempool(100_000, 64L << 20));
					for (Block block : log.recovery().blocks()) {
						ledger.submitBlock(block);
					}
					height = ledger.chain().snapshot().height();
					System.out.printf("start-up %d: open and read %.0f ms, replay with validation %.0f ms, total %.0f ms,"
							+ " tip #%d%n", round, (opened - start) / 1e6, (System.nanoTime() - opened) / 1e6,
							(System.nanoTime() - start) / 1e6, height);
				}
			}
			try (BlockLog log = BlockLog.open(dir.resolve("fsync"), TestChain.PARAMETERS, true)) {
				int n = Math.min(fsynced, count);
				start = System.nanoTime();
				for (int i = 0; i < n; i++) {
					log.append(blocks.get(i));
				}
				double ms = (System.nanoTime() - start) / 1e6;
				System.out.printf("append with fsync: %d blocks in %.0f ms, %.2f ms a block%n", n, ms, ms / n);
			}
		}
		finally {
			try (Stream<Path> files = Files.walk(dir)) {
				files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	private static List<Block> chain(int count, int transactions) {
		TestChain chain = new TestChain();
		List<Block> blocks = new ArrayList<>(count);
		Block parent = chain.genesis();
		for (int i = 0; i < count; i++) {
			Transaction[] txs = new Transaction[transactions];
			for (int t = 0; t < transactions; t++) {
				Transaction template = chain.transaction();
				txs[t] = Transaction.create("miner-" + (t % 7), "miner-" + (t % 5), template.amount(),
						"fake payment " + template.payload(), template.createdAt(), "miner-" + (i % 3));
			}
			parent = chain.block(parent, "miner-" + (i % 3), txs);
			blocks.add(parent);
		}
		return blocks;
	}

}
