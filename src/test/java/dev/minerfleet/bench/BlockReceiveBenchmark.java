package dev.minerfleet.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.CompactBlock;
import dev.minerfleet.chain.PartialBlock;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool;
import dev.minerfleet.messaging.wire.CompactBlockMessage;
import dev.minerfleet.messaging.wire.Decoded;
import dev.minerfleet.messaging.wire.WireCodec;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.node.Ledger;
import dev.minerfleet.node.MinerProperties;

/**
 * One receiving miner's own work on a compact block whose transactions it all holds, on one thread, without the broker
 * and without other miners competing for the cores: decoding the block message, rebuilding the block from the mempool
 * (short ids, then the merkle root), and handing it to the chain (validation, storing, the mempool taking its
 * transactions out, confirmation latencies). What {@code CompactBlockRelay.receive} does for a block that needs no
 * round trip, stage by stage, for blocks of several sizes, so the cost a transaction adds can be read off. Metrics, the
 * live view and the block log are not attached: the chain service has no observers here.
 *
 * <p>
 * Each round starts a fresh miner at genesis whose mempool holds the block's transactions and as many others, as a
 * receiving miner's does; rounds of every size alternate. Every round receives the same block of its size, so since
 * round 12 (docs/benchmarks.md) a round finds the block's merkle root checked already ({@code VerifiedMerkleRoots}),
 * as every receiver of a local fleet but the first does. The medians are printed, in microseconds and microseconds a
 * transaction. Arguments: the measured rounds (default 40) and the sizes, comma-separated transactions a block
 * besides the coinbase (default 200,1000,4000; at most 9,999, the benchmark chain's limit). Run by
 * {@code bench/block-receive.sh}.
 */
public final class BlockReceiveBenchmark {

	private static final int[] SIZES = { 200, 1_000, 4_000 };

	private static final int WARM_UP_ROUNDS = 30;

	private static final ChainParameters PARAMETERS = TestChain.PARAMETERS.withBlockLimits(10_000, 8L << 20);

	private BlockReceiveBenchmark() {
	}

	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 40;
		int[] sizes = (args.length > 1)
				? Arrays.stream(args[1].split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray()
				: SIZES;
		List<Case> cases = new ArrayList<>();
		for (int size : sizes) {
			cases.add(Case.of(size));
		}
		System.out.println("== warming up: " + WARM_UP_ROUNDS + " rounds of every size");
		for (int round = 0; round < WARM_UP_ROUNDS; round++) {
			cases.forEach(Case::run);
		}
		List<List<Timing>> timings = new ArrayList<>();
		cases.forEach(one -> timings.add(new ArrayList<>()));
		for (int round = 0; round < rounds; round++) {
			for (int i = 0; i < cases.size(); i++) {
				timings.get(i).add(cases.get(i).run());
			}
		}
		for (int i = 0; i < cases.size(); i++) {
			Case one = cases.get(i);
			List<Timing> measured = timings.get(i);
			double decode = median(measured, Timing::decodeNanos);
			double rebuild = median(measured, Timing::rebuildNanos);
			double chain = median(measured, Timing::chainNanos);
			double total = median(measured, Timing::totalNanos);
			int transactions = one.block.transactions().size();
			System.out.printf("== %d transactions, %d rounds: total median %.0f µs%n", transactions, rounds,
					total / 1e3);
			System.out.printf("RESULT transactions=%d bytes=%d decodeMicros=%.0f rebuildMicros=%.0f chainMicros=%.0f "
					+ "totalMicros=%.0f microsPerTransaction=%.2f%n", transactions, one.message.length, decode / 1e3,
					rebuild / 1e3, chain / 1e3, total / 1e3, total / 1e3 / transactions);
		}
	}

	private static double median(List<Timing> timings, ToLongFunction<Timing> stage) {
		long[] values = timings.stream().mapToLong(stage).sorted().toArray();
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
	}

	private record Timing(long decodeNanos, long rebuildNanos, long chainNanos) {

		long totalNanos() {
			return decodeNanos + rebuildNanos + chainNanos;
		}

	}

	/** A block of one size, its compact message, and the mempool a receiver holds when it comes. */
	private static final class Case {

		private final Block block;

		private final byte[] message;

		private final List<Transaction> pooled;

		private final WireCodec codec = new WireCodec(16L << 20, 10_000);

		private Case(Block block, byte[] message, List<Transaction> pooled) {
			this.block = block;
			this.message = message;
			this.pooled = pooled;
		}

		static Case of(int size) {
			TestChain fixture = new TestChain(PARAMETERS);
			List<Transaction> inBlock = new ArrayList<>();
			List<Transaction> pooled = new ArrayList<>();
			for (int i = 0; i < 2 * size; i++) {
				Transaction tx = generated(size, i);
				pooled.add(tx);
				if (i % 2 == 0) {
					inBlock.add(tx);
				}
			}
			Block block = fixture.block(fixture.genesis(), "sender", inBlock.toArray(Transaction[]::new));
			byte[] message = new WireCodec(16L << 20, 10_000)
				.encode(new CompactBlockMessage("sender", CompactBlock.of(block)));
			return new Case(block, message, pooled);
		}

		/** As genTRX makes them: two people, an amount, a numbered payload. */
		private static Transaction generated(int size, int n) {
			long createdAt = PARAMETERS.genesisTimestamp() + 1_000 + n;
			return Transaction.create("wallet-" + (n % 97), "wallet-" + (n % 89), 1 + n % 1_000,
					"genTRX miner-2 #" + size + "-" + n + " " + Long.toHexString(n * 0x9E3779B97F4A7C15L), createdAt,
					"miner-2");
		}

		Timing run() {
			Mempool mempool = new Mempool(100_000, 1L << 30);
			ChainService receiver = new ChainService(Ledger.create(PARAMETERS, mempool, TestChain.CLOCK),
					new MinerProperties("receiver"), (stored, sendWhole) -> {
					}, tx -> {
					}, List.of(), TestChain.CLOCK);
			List<Transaction> pooledNow = new ArrayList<>(pooled);
			if (receiver.receiveTransactions(pooledNow, "miner-2").stream().anyMatch(a -> !a.isAdded())) {
				throw new IllegalStateException("the mempool refused a transaction");
			}
			long start = System.nanoTime();
			Decoded<?> decoded = codec.decodeBlockAnnouncement(message);
			long decodedAt = System.nanoTime();
			if (!(decoded instanceof Decoded.Ok<?> ok) || !(ok.message() instanceof CompactBlockMessage compact)) {
				throw new IllegalStateException("the compact block did not decode: " + decoded);
			}
			PartialBlock partial = PartialBlock.rebuild(compact.block(), mempool.transactions());
			Optional<Block> rebuilt = partial.missing().isEmpty() ? partial.block() : Optional.empty();
			long rebuiltAt = System.nanoTime();
			if (rebuilt.isEmpty()) {
				throw new IllegalStateException("the block was not rebuilt from the mempool: "
						+ partial.missing().size() + " missing");
			}
			AddResult result = receiver.receiveBlock(rebuilt.get(), "sender");
			long end = System.nanoTime();
			if (!(result instanceof AddResult.Extended) || mempool.size() != pooled.size() / 2) {
				throw new IllegalStateException("the block was not accepted as it should: " + result + ", mempool "
						+ mempool.size());
			}
			return new Timing(decodedAt - start, rebuiltAt - decodedAt, end - rebuiltAt);
		}

	}

}
