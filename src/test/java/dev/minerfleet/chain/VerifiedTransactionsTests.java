package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class VerifiedTransactionsTests {

	@Test
	void anEqualCopyOfAVerifiedTransactionIsReplacedByTheVerifiedInstance() {
		Transaction verified = Transaction.create("alice", "bob", 5, "the first of two copies", 1_000, "miner-1");
		assertThat(VerifiedTransactions.verify(verified)).isTrue();

		Transaction copy = copyOf(verified);
		assertThat(VerifiedTransactions.contains(copy)).isFalse();
		assertThat(VerifiedTransactions.canonical(copy)).isSameAs(verified);
		assertThat(VerifiedTransactions.contains(verified)).isTrue();
	}

	@Test
	void aTransactionNobodyVerifiedIsReturnedAsItIsAndNotTakenAsChecked() {
		Transaction tx = Transaction.create("carol", "dave", 7, "never verified " + System.nanoTime(), 2_000, "m");

		assertThat(VerifiedTransactions.canonical(tx)).isSameAs(tx);
		assertThat(VerifiedTransactions.contains(tx)).isFalse();
	}

	@Test
	void aTransactionWithAWrongIdFailsEveryCheckAndIsNeverHeld() {
		Transaction genuine = Transaction.create("erin", "frank", 9, "pay frank", 3_000, "miner-2");
		Transaction wrongId = genuine.withId(Sha256.sha256(new byte[] { 1, 2, 3 }));

		for (int attempt = 0; attempt < 3; attempt++) {
			assertThat(VerifiedTransactions.verify(wrongId)).isFalse();
		}
		assertThat(VerifiedTransactions.contains(wrongId)).isFalse();
		Transaction copy = copyOf(wrongId);
		assertThat(VerifiedTransactions.canonical(copy)).isSameAs(copy);
	}

	@Test
	void aForgedCopyWithTheIdOfAVerifiedTransactionKeepsItsOwnContentAndFailsItsCheck() {
		Transaction genuine = Transaction.create("grace", "heidi", 10, "pay heidi 10", 4_000, "miner-3");
		assertThat(VerifiedTransactions.verify(genuine)).isTrue();

		List<Transaction> forgeries = List.of(
				new Transaction(genuine.id(), "mallory", "heidi", 10, "pay heidi 10", 4_000, "miner-3"),
				new Transaction(genuine.id(), "grace", "mallory", 10, "pay heidi 10", 4_000, "miner-3"),
				new Transaction(genuine.id(), "grace", "heidi", 1_000, "pay heidi 10", 4_000, "miner-3"),
				new Transaction(genuine.id(), "grace", "heidi", 10, "pay mallory", 4_000, "miner-3"),
				new Transaction(genuine.id(), "grace", "heidi", 10, "pay heidi 10", 4_001, "miner-3"),
				new Transaction(genuine.id(), "grace", "heidi", 10, "pay heidi 10", 4_000, "miner-4"));
		for (Transaction forged : forgeries) {
			assertThat(VerifiedTransactions.canonical(forged)).isSameAs(forged);
			assertThat(VerifiedTransactions.contains(forged)).isFalse();
			assertThat(VerifiedTransactions.verify(forged)).isFalse();
		}
		assertThat(VerifiedTransactions.canonical(copyOf(genuine))).isSameAs(genuine);
	}

	@Test
	void transactionsCollidingInASlotTakeTurnsAndAreAlwaysJudgedByTheirOwnContent() {
		// three valid transactions sharing a slot, each with a forged twin (its id, other content)
		Map<Integer, List<Transaction>> bySlot = new HashMap<>();
		List<Transaction> crowded = null;
		for (int i = 0; crowded == null; i++) {
			Transaction tx = Transaction.create("ivan", "judy", i, "slot search " + i, 5_000, "miner-5");
			List<Transaction> inSlot = bySlot.computeIfAbsent(VerifiedTransactions.slot(tx.id()),
					slot -> new ArrayList<>());
			inSlot.add(tx);
			if (inSlot.size() == 3) {
				crowded = inSlot;
			}
		}
		List<Transaction> candidates = new ArrayList<>();
		for (Transaction tx : crowded) {
			candidates.add(tx);
			candidates.add(new Transaction(tx.id(), tx.sender(), tx.receiver(), tx.amount() + 1, tx.payload(),
					tx.createdAt(), tx.origin()));
		}
		SplittableRandom random = new SplittableRandom(20261205);
		for (int round = 0; round < 5_000; round++) {
			Transaction tx = copyOf(candidates.get(random.nextInt(candidates.size())));
			Transaction canonical = VerifiedTransactions.canonical(tx);
			assertThat(canonical).isEqualTo(tx);
			boolean valid = tx.hasValidId();
			assertThat(VerifiedTransactions.verify(canonical)).isEqualTo(valid);
			if (valid) {
				// the slot now holds this one: the next copy of it is replaced
				assertThat(VerifiedTransactions.canonical(copyOf(tx))).isSameAs(canonical);
			}
		}
	}

	@Test
	void threadsVerifyingAndReplacingTheSameTransactionsAtOnceAlwaysAgreeWithTheirContent() throws Exception {
		List<Transaction> candidates = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			Transaction tx = Transaction.create("kim", "leo", i, "shared by threads " + i, 6_000, "miner-6");
			candidates.add(tx);
			candidates.add(tx.withId(Sha256.sha256(new byte[] { (byte) i })));
		}
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				SplittableRandom random = new SplittableRandom(t);
				results.add(threads.submit(() -> {
					int disagreements = 0;
					for (int round = 0; round < 20_000; round++) {
						Transaction tx = copyOf(candidates.get(random.nextInt(candidates.size())));
						Transaction canonical = VerifiedTransactions.canonical(tx);
						boolean valid = tx.id().equals(tx.computeId());
						if (!canonical.equals(tx) || VerifiedTransactions.verify(canonical) != valid) {
							disagreements++;
						}
					}
					return disagreements;
				}));
			}
			for (Future<Integer> result : results) {
				assertThat(result.get()).isZero();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	/** The same transaction as another decoding of it would make: equal, of other instances throughout. */
	private static Transaction copyOf(Transaction tx) {
		return new Transaction(Hash.fromHex(tx.id().hex()), new String(tx.sender()), new String(tx.receiver()),
				tx.amount(), new String(tx.payload()), tx.createdAt(), new String(tx.origin()));
	}

}
