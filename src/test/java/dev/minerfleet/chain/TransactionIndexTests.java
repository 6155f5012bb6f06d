package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class TransactionIndexTests {

	private static final int SEED = 20261206;

	@Test
	void findsTheHoldersOfEveryIndexedIdThroughManyGrowthsAndNothingForAnIdNeverIndexed() {
		SplittableRandom random = new SplittableRandom(SEED);
		TransactionIndex index = new TransactionIndex(random.nextLong());
		Map<Hash, List<StoredBlock>> expected = new HashMap<>();
		List<Transaction> seen = new ArrayList<>();
		for (int number = 0; number < 3_000; number++) {
			List<Transaction> transactions = new ArrayList<>();
			for (int i = random.nextInt(1, 40); i > 0; i--) {
				// a fifth of them are held by an earlier block too, as on a competing branch
				boolean again = !seen.isEmpty() && random.nextInt(5) == 0;
				Transaction tx = again ? seen.get(random.nextInt(seen.size())) : transaction(randomId(random));
				if (!transactions.contains(tx)) {
					transactions.add(tx);
				}
			}
			StoredBlock stored = stored(number, transactions);
			index.add(stored);
			for (Transaction tx : transactions) {
				expected.computeIfAbsent(tx.id(), id -> new ArrayList<>()).add(stored);
				seen.add(tx);
			}
		}

		assertThat(index.size()).isEqualTo(expected.values().stream().mapToInt(List::size).sum());
		expected.forEach((id, holders) -> {
			assertThat(index.all(id)).containsExactlyElementsOf(holders);
			assertThat(index.first(id, block -> true)).contains(holders.get(0));
			StoredBlock last = holders.get(holders.size() - 1);
			assertThat(index.first(id, block -> block == last)).contains(last);
			assertThat(index.first(id, block -> false)).isEmpty();
		});
		for (int i = 0; i < 10_000; i++) {
			Hash absent = randomId(random);
			assertThat(index.all(absent)).isEmpty();
			assertThat(index.first(absent, block -> true)).isEmpty();
		}
	}

	@Test
	void idsSharingTheirFirstEightBytesAreToldApart() {
		TransactionIndex index = new TransactionIndex(SEED);
		Transaction a = transaction(id(42, 1));
		Transaction b = transaction(id(42, 2));
		StoredBlock first = stored(0, List.of(a));
		StoredBlock second = stored(1, List.of(b, transaction(id(7, 7))));
		index.add(first);
		index.add(second);

		assertThat(index.all(a.id())).containsExactly(first);
		assertThat(index.all(b.id())).containsExactly(second);
		assertThat(index.first(a.id(), block -> true)).contains(first);
		assertThat(index.first(b.id(), block -> true)).contains(second);
		assertThat(index.all(id(42, 3))).isEmpty();
		assertThat(index.first(id(42, 3), block -> true)).isEmpty();
	}

	@Test
	void theFirstHolderIsTheEarliestStoredOfThoseThatPassTheTest() {
		TransactionIndex index = new TransactionIndex(SEED);
		Transaction tx = transaction(id(5, 5));
		List<StoredBlock> holders = new ArrayList<>();
		for (int number = 0; number < 6; number++) {
			StoredBlock stored = stored(number, List.of(transaction(id(100 + number, 0)), tx));
			holders.add(stored);
			index.add(stored);
		}

		assertThat(index.first(tx.id(), block -> block.height() >= 3)).contains(holders.get(3));
		assertThat(index.first(tx.id(), block -> block.height() % 2 == 1)).contains(holders.get(1));
		assertThat(index.all(tx.id())).containsExactlyElementsOf(holders);
	}

	@Test
	void holdersWhoseSlotsWrapRoundTheEndOfTheTableKeepTheirOrderThroughEveryGrowth() {
		// multiplier 1: an id whose first eight bytes are all ones has the last slot of every table, so its holders
		// run on from the end of the table to its start, before and after each growth
		TransactionIndex index = new TransactionIndex(1);
		Transaction tx = transaction(id(-1L, 9));
		SplittableRandom random = new SplittableRandom(SEED + 2);
		List<StoredBlock> holders = new ArrayList<>();
		for (int number = 0; number < 400; number++) {
			List<Transaction> transactions = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				transactions.add(transaction(randomId(random)));
			}
			if (number % 100 == 0) {
				transactions.add(tx);
			}
			StoredBlock stored = stored(number, transactions);
			index.add(stored);
			if (number % 100 == 0) {
				holders.add(stored);
			}
			assertThat(index.all(tx.id())).containsExactlyElementsOf(holders);
			assertThat(index.first(tx.id(), block -> true)).contains(holders.get(0));
			StoredBlock latest = holders.get(holders.size() - 1);
			assertThat(index.first(tx.id(), block -> block.height() >= latest.height())).contains(latest);
		}
	}

	@Test
	void readersAtWorkWhileTheIndexGrowsFindEveryBlockAddedBeforeTheyLookedAndNothingWrong() throws Exception {
		TransactionIndex index = new TransactionIndex(SEED + 1);
		List<StoredBlock> added = new ArrayList<>();
		SplittableRandom random = new SplittableRandom(SEED + 1);
		for (int number = 0; number < 4_000; number++) {
			List<Transaction> transactions = new ArrayList<>();
			for (int i = random.nextInt(1, 30); i > 0; i--) {
				transactions.add(transaction(randomId(random)));
			}
			added.add(stored(number, transactions));
		}
		AtomicInteger published = new AtomicInteger();
		CountDownLatch started = new CountDownLatch(2);
		ExecutorService readers = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> checks = new ArrayList<>();
			for (int r = 0; r < 2; r++) {
				SplittableRandom mine = random.split();
				checks.add(readers.submit(() -> {
					int checked = 0;
					started.countDown();
					while ((published.get() < added.size() || checked < 1_000)
							&& !Thread.currentThread().isInterrupted()) {
						int done = published.get();
						if (done == 0) {
							Thread.onSpinWait();
							continue;
						}
						Hash absent = randomId(mine);
						if (index.first(absent, any -> true).isPresent() || !index.all(absent).isEmpty()) {
							throw new AssertionError("found " + absent + ", which no block holds");
						}
						StoredBlock block = added.get(mine.nextInt(done));
						List<Transaction> held = block.block().transactions();
						Transaction tx = held.get(mine.nextInt(held.size()));
						Optional<StoredBlock> found = index.first(tx.id(), any -> true);
						if (!found.equals(Optional.of(block)) || !index.all(tx.id()).equals(List.of(block))) {
							throw new AssertionError("block " + block.height() + " lost its transaction " + tx.id());
						}
						checked++;
					}
					return checked;
				}));
			}
			started.await();
			for (StoredBlock block : added) {
				index.add(block);
				published.incrementAndGet();
			}
			for (Future<Integer> check : checks) {
				assertThat(check.get(1, TimeUnit.MINUTES)).isGreaterThanOrEqualTo(1_000);
			}
		}
		finally {
			readers.shutdownNow();
		}
	}

	private static Hash randomId(SplittableRandom random) {
		return id(random.nextLong(), random.nextLong());
	}

	/** An id whose first eight bytes are {@code head} and whose other 24 repeat {@code tail}. */
	private static Hash id(long head, long tail) {
		ByteBuffer bytes = ByteBuffer.allocate(Hash.LENGTH).putLong(head);
		return Hash.of(bytes.putLong(tail).putLong(tail).putLong(tail).array());
	}

	/** The index looks at ids and positions only: the rest of the transaction need not match its id. */
	private static Transaction transaction(Hash id) {
		return new Transaction(id, "alice", "bob", 1, "", 1_000, "miner-1");
	}

	private static StoredBlock stored(int number, List<Transaction> transactions) {
		BlockHeader header = new BlockHeader(1, Hash.ZERO, Hash.ZERO, number, 0x1d00ffff, number);
		return new StoredBlock(new Block(header, transactions), id(number, -1), number, BigInteger.valueOf(number + 1L),
				number);
	}

}
