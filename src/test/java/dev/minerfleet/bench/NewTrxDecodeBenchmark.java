package dev.minerfleet.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.minerfleet.chain.Transaction;
import dev.minerfleet.messaging.wire.Decoded;
import dev.minerfleet.messaging.wire.TransactionBatchCodec;
import dev.minerfleet.messaging.wire.TransactionBatchMessage;
import dev.minerfleet.messaging.wire.WireCodec;

/**
 * Decoding a NEWTRX message as a miner does ({@link TransactionBatchCodec#decode}: token by token, the JSON tree only
 * when that gives up) and, in the same run, by the JSON tree alone ({@link TransactionBatchCodec#decodeByTree}, how
 * every NEWTRX message was decoded before), for batches of 1 to 1,000 transactions as genTRX makes them. Rounds
 * alternate the two; the medians are printed, in microseconds a message and a transaction. Run by
 * {@code bench/newtrx-decode.sh}.
 */
public final class NewTrxDecodeBenchmark {

	private static final int[] BATCH_SIZES = { 1, 10, 100, 1_000 };

	/** Transactions decoded per timing, whatever the batch size. */
	private static final int TRANSACTIONS_PER_TIMING = 20_000;

	private NewTrxDecodeBenchmark() {
	}

	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 15;
		TransactionBatchCodec codec = new TransactionBatchCodec(new WireCodec(16L << 20, 100_000));
		for (int size : BATCH_SIZES) {
			byte[] message = codec.encode(new TransactionBatchMessage("miner-2", generated(size)));
			int repeats = Math.max(1, TRANSACTIONS_PER_TIMING / size);
			// warm-up, both ways
			for (int i = 0; i < 5; i++) {
				time(codec, message, repeats, false);
				time(codec, message, repeats, true);
			}
			double[] tree = new double[rounds];
			double[] fast = new double[rounds];
			for (int round = 0; round < rounds; round++) {
				tree[round] = time(codec, message, repeats, false);
				fast[round] = time(codec, message, repeats, true);
			}
			double treeMicros = median(tree);
			double fastMicros = median(fast);
			System.out.printf("== %d transactions a message, %d bytes: tree %.1f µs, token by token %.1f µs%n", size,
					message.length, treeMicros, fastMicros);
			System.out.printf("RESULT transactions=%d bytes=%d treeMicros=%.2f fastMicros=%.2f treeMicrosPerTx=%.2f "
					+ "fastMicrosPerTx=%.2f speedup=%.1f%n", size, message.length, treeMicros, fastMicros,
					treeMicros / size, fastMicros / size, treeMicros / fastMicros);
		}
	}

	/** Microseconds a message, decoding it {@code repeats} times. */
	private static double time(TransactionBatchCodec codec, byte[] message, int repeats, boolean fast) {
		long start = System.nanoTime();
		for (int i = 0; i < repeats; i++) {
			Decoded<TransactionBatchMessage> decoded = fast ? codec.decode(message) : codec.decodeByTree(message);
			if (!(decoded instanceof Decoded.Ok<TransactionBatchMessage>)) {
				throw new IllegalStateException("did not decode: " + decoded);
			}
		}
		return (System.nanoTime() - start) / 1e3 / repeats;
	}

	private static List<Transaction> generated(int count) {
		List<Transaction> transactions = new ArrayList<>();
		for (int n = 0; n < count; n++) {
			transactions.add(Transaction.create("wallet-" + (n % 97), "wallet-" + (n % 89), 1 + n % 1_000,
					"genTRX miner-2 #" + n + " " + Long.toHexString(n * 0x9E3779B97F4A7C15L), 1_767_225_600_000L + n,
					"miner-2"));
		}
		return transactions;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
