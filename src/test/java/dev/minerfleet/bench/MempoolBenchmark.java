package dev.minerfleet.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool;

/**
 * The mempool's share of a transaction's arrival in a local fleet: every transaction is offered to the mempools of
 * {@code pools} miners (as NEWTRX reaches every miner of a fleet in one JVM), each holding about {@code pooled}
 * transactions, then blocks of {@code pooled} confirmed transactions leave every pool. Per round, the nanoseconds a
 * transaction and a pool of {@link Mempool#add} (its id check included) and of {@link Mempool#removeAll}; medians over
 * the rounds. Run by {@code bench/mempool.sh}.
 *
 * <p>
 * Arguments: {@code rounds pools pooled}, e.g. {@code 15 30 2000}.
 */
public final class MempoolBenchmark {

	private MempoolBenchmark() {
	}

	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 15;
		int poolCount = (args.length > 1) ? Integer.parseInt(args[1]) : 30;
		int pooled = (args.length > 2) ? Integer.parseInt(args[2]) : 2_000;
		List<Mempool> pools = new ArrayList<>();
		for (int i = 0; i < poolCount; i++) {
			pools.add(new Mempool(100 * pooled, Long.MAX_VALUE));
		}
		List<Transaction> held = generated(pooled, 0);
		for (Mempool pool : pools) {
			held.forEach(tx -> pool.add(tx, id -> false));
		}
		int warmUp = 5;
		double[] add = new double[rounds];
		double[] remove = new double[rounds];
		for (int round = -warmUp; round < rounds; round++) {
			List<Transaction> arriving = generated(pooled, (round + warmUp + 1) * (long) pooled);
			long start = System.nanoTime();
			for (Transaction tx : arriving) {
				for (Mempool pool : pools) {
					pool.add(tx, id -> false);
				}
			}
			long added = System.nanoTime();
			for (Mempool pool : pools) {
				pool.removeAll(held);
			}
			long removed = System.nanoTime();
			held = arriving;
			if (round >= 0) {
				add[round] = (added - start) / (double) (pooled * poolCount);
				remove[round] = (removed - added) / (double) (pooled * poolCount);
			}
		}
		int size = pools.get(0).size();
		System.out.printf("== %d pools of %d transactions: add %.0f ns, removeAll %.0f ns a transaction and pool "
				+ "(median of %d rounds)%n", poolCount, size, median(add), median(remove), rounds);
		System.out.printf("RESULT pools=%d pooled=%d addNanos=%.0f removeNanos=%.0f%n", poolCount, size, median(add),
				median(remove));
	}

	private static List<Transaction> generated(int count, long first) {
		List<Transaction> transactions = new ArrayList<>(count);
		for (long i = first; i < first + count; i++) {
			transactions.add(Transaction.create("alice-" + (i % 97), "bob-" + (i % 89), 1 + i % 1_000, "gen " + i,
					1_700_000_000_000L + i, "miner-2"));
		}
		return transactions;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
