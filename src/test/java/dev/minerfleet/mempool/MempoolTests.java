package dev.minerfleet.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.chain.VerifiedTransactions;
import dev.minerfleet.mempool.Mempool.Admission;

class MempoolTests {

	private final TestChain fixture = new TestChain();

	private final Mempool mempool = new Mempool(3, 1_000_000);

	@Test
	void keepsEachTransactionOnceInArrivalOrder() {
		Transaction a = fixture.transaction();
		Transaction b = fixture.transaction();
		assertThat(mempool.add(a, id -> false)).isEqualTo(Admission.ADDED);
		assertThat(mempool.add(b, id -> false)).isEqualTo(Admission.ADDED);
		assertThat(mempool.add(a, id -> false)).isEqualTo(Admission.DUPLICATE);
		assertThat(mempool.transactions()).containsExactly(a, b);
		assertThat(mempool.bytes()).isEqualTo(a.size() + b.size());
	}

	@Test
	void holdsTheVeryTransactionItAdmittedNotAnEqualCopyNorALookalikeWithItsId() {
		Transaction admitted = fixture.transaction();
		Transaction lookalike = fixture.transaction().withId(admitted.id());
		mempool.add(admitted, id -> false);

		assertThat(mempool.holds(admitted)).isTrue();
		assertThat(mempool.holds(admitted.withId(admitted.id()))).as("an equal copy").isFalse();
		assertThat(mempool.holds(lookalike)).isFalse();
		assertThat(mempool.holds(fixture.transaction())).isFalse();
		mempool.removeAll(List.of(admitted));
		assertThat(mempool.holds(admitted)).isFalse();
	}

	@Test
	void leavesWhatItAdmitsAsCheckedForTheWholeProcessAndStillRefusesALookalikeOfIt() {
		Transaction admitted = fixture.transaction();
		Mempool other = new Mempool(3, 1_000_000);
		assertThat(other.add(admitted, id -> false)).isEqualTo(Admission.ADDED);
		assertThat(VerifiedTransactions.contains(admitted)).isTrue();
		assertThat(VerifiedTransactions.canonical(admitted.withId(admitted.id()))).isSameAs(admitted);
		Transaction lookalike = new Transaction(admitted.id(), admitted.sender(), admitted.receiver(),
				admitted.amount() + 1, admitted.payload(), admitted.createdAt(), admitted.origin());

		assertThat(mempool.add(lookalike, id -> false)).isEqualTo(Admission.INVALID_ID);
		assertThat(mempool.add(admitted.withId(admitted.id()), id -> false)).isEqualTo(Admission.ADDED);
		assertThat(mempool.find(admitted.id())).contains(admitted);
	}

	@Test
	void refusesConfirmedCoinbaseAndMislabelledTransactions() {
		Transaction confirmed = fixture.transaction();
		assertThat(mempool.add(confirmed, Set.of(confirmed.id())::contains)).isEqualTo(Admission.ALREADY_CONFIRMED);
		assertThat(mempool.add(Transaction.coinbase("m", 1, 0, 1, 50), id -> false)).isEqualTo(Admission.COINBASE);
		assertThat(mempool.add(fixture.transaction().withId(Hash.ZERO), id -> false))
			.isEqualTo(Admission.INVALID_ID);
		assertThat(mempool.size()).isZero();
	}

	@Test
	void evictsTheOldestWhenFullAndCountsIt() {
		List<Transaction> txs = List.of(fixture.transaction(), fixture.transaction(), fixture.transaction(),
				fixture.transaction());
		txs.forEach(tx -> mempool.add(tx, id -> false));
		assertThat(mempool.transactions()).containsExactlyElementsOf(txs.subList(1, 4));
		assertThat(mempool.evicted()).isEqualTo(1);
	}

	@Test
	void boundsBytesAsWellAsCount() {
		Transaction tx = fixture.transaction();
		Mempool small = new Mempool(100, 2L * tx.size() + 1);
		small.add(tx, id -> false);
		small.add(fixture.transaction(), id -> false);
		small.add(fixture.transaction(), id -> false);
		assertThat(small.size()).isEqualTo(2);
		assertThat(small.bytes()).isLessThanOrEqualTo(2L * tx.size() + 1);
		assertThat(small.contains(tx.id())).isFalse();
	}

	@Test
	void givesReorganisedTransactionsBackAheadOfNewerOnes() {
		Transaction newer = fixture.transaction();
		mempool.add(newer, id -> false);
		Transaction first = fixture.transaction();
		Transaction second = fixture.transaction();
		Transaction confirmedElsewhere = fixture.transaction();

		mempool.returnToFront(List.of(first, confirmedElsewhere, second), Set.of(confirmedElsewhere.id())::contains);

		assertThat(mempool.transactions()).containsExactly(first, second, newer);
	}

	@Test
	void tellsWhichTransactionsItTookFromBlocksRatherThanLoose() {
		Transaction loose = fixture.transaction();
		Transaction givenBack = fixture.transaction();
		Transaction fromSideBranch = fixture.transaction();
		Transaction notPooled = fixture.transaction();
		mempool.add(loose, id -> false);
		mempool.returnToFront(List.of(givenBack), id -> false);
		mempool.addFromSideBranch(fromSideBranch, id -> false, coin -> false);

		assertThat(mempool.takenFromBlocks(List.of(loose, givenBack, fromSideBranch, notPooled)))
			.containsExactlyInAnyOrder(givenBack.id(), fromSideBranch.id());
	}

	@Test
	void findsTheLooseTransactionsOneMinerMadeThatHaveWaitedSinceAGivenTimeInThePoolsOrder() {
		Mempool large = new Mempool(100, 1_000_000);
		Transaction oldOwn = Transaction.create("alice", "bob", 1, "old", 1_000, "here");
		Transaction oldOther = Transaction.create("alice", "bob", 2, "old", 1_000, "elsewhere");
		Transaction givenBack = Transaction.create("alice", "bob", 3, "given back", 1_000, "here");
		Transaction fromSideBranch = Transaction.create("alice", "bob", 4, "side", 1_000, "here");
		Transaction justInTime = Transaction.create("alice", "bob", 5, "just", 2_000, "here");
		Transaction tooNew = Transaction.create("alice", "bob", 6, "new", 2_001, "here");
		Transaction older = Transaction.create("alice", "bob", 7, "older, arrived later", 500, "here");
		List.of(oldOwn, oldOther, justInTime, tooNew, older).forEach(tx -> large.add(tx, id -> false));
		large.returnToFront(List.of(givenBack), id -> false);
		large.addFromSideBranch(fromSideBranch, id -> false, coin -> false);

		assertThat(large.lingering("here", 2_000, 10)).containsExactly(oldOwn, justInTime, older);
		assertThat(large.lingering("here", 2_000, 2)).containsExactly(oldOwn, justInTime);
		assertThat(large.lingering("here", 999, 10)).containsExactly(older);
		assertThat(large.lingering("nobody", 5_000, 10)).isEmpty();
	}

	@Test
	void offersCandidatesOldestFirstWithinTheBlockLimits() {
		Mempool large = new Mempool(100, 1_000_000);
		List<Transaction> txs = List.of(fixture.transaction(), fixture.transaction(), fixture.transaction());
		txs.forEach(tx -> large.add(tx, id -> false));
		assertThat(large.candidates(2, Long.MAX_VALUE)).containsExactlyElementsOf(txs.subList(0, 2));
		assertThat(large.candidates(10, txs.get(0).size() + txs.get(1).size()))
			.containsExactlyElementsOf(txs.subList(0, 2));
	}

	@Test
	void removesWhatABlockConfirmed() {
		Transaction a = fixture.transaction();
		Transaction b = fixture.transaction();
		mempool.add(a, id -> false);
		mempool.add(b, id -> false);
		assertThat(mempool.removeAll(List.of(a, fixture.transaction()))).isEqualTo(1);
		assertThat(mempool.transactions()).containsExactly(b);
		assertThat(mempool.bytes()).isEqualTo(b.size());
	}

	// ---- coins

	private final Mempool pool = new Mempool(100, 1_000_000);

	@Test
	void keepsTwoPendingSpendsOfAnUnspentCoin() {
		Transaction a = fixture.spend("X");
		Transaction b = fixture.spend("X");
		assertThat(pool.add(a, id -> false, coin -> false)).isEqualTo(Admission.ADDED);
		assertThat(pool.add(b, id -> false, coin -> false)).isEqualTo(Admission.ADDED);
		assertThat(pool.spendsOf("X")).containsExactly(a, b);
	}

	@Test
	void refusesASpendOfASpentCoinAndForgetsIt() {
		Transaction late = fixture.spend("X");
		assertThat(pool.add(late, id -> false, Set.of("X")::contains)).isEqualTo(Admission.COIN_ALREADY_SPENT);
		assertThat(pool.size()).isZero();
		assertThat(pool.findDropped(late.id())).isEmpty();
		assertThat(pool.doubleSpendsDropped()).isZero();
	}

	@Test
	void reportsAConfirmedTransactionAsConfirmedRatherThanAsADoubleSpendOfItsOwnCoin() {
		Transaction tx = fixture.spend("X");
		assertThat(pool.add(tx, Set.of(tx.id())::contains, Set.of("X")::contains))
			.isEqualTo(Admission.ALREADY_CONFIRMED);
	}

	@Test
	void dropsThePendingSpendsOfACoinABlockSpentAndCountsThem() {
		Transaction winner = fixture.spend("X");
		Transaction loser = fixture.spend("X");
		Transaction other = fixture.spend("Y");
		Transaction plain = fixture.transaction();
		List.of(winner, loser, other, plain).forEach(tx -> pool.add(tx, id -> false, coin -> false));

		pool.removeAll(List.of(winner));
		assertThat(pool.dropSpendsOf(List.of(winner, plain))).isEqualTo(1);

		assertThat(pool.transactions()).containsExactly(other, plain);
		assertThat(pool.spendsOf("X")).isEmpty();
		assertThat(pool.doubleSpendsDropped()).isEqualTo(1);
		assertThat(pool.findDropped(loser.id())).contains(loser);
		assertThat(pool.bytes()).isEqualTo(other.size() + plain.size());
	}

	@Test
	void offersOneSpendPerCoinToABlockTheOldestFirst() {
		Transaction first = fixture.spend("X");
		Transaction second = fixture.spend("X");
		Transaction plain = fixture.transaction();
		List.of(first, second, plain).forEach(tx -> pool.add(tx, id -> false, coin -> false));
		assertThat(pool.candidates(10, 1_000_000, true)).containsExactly(first, plain);
		assertThat(pool.candidates(10, 1_000_000, false)).containsExactly(first, second, plain);
	}

	@Test
	void givesBackOnlyTheDisconnectedTransactionsWhoseCoinTheNewBranchLeftUnspent() {
		Transaction lost = fixture.spend("X");
		Transaction kept = fixture.spend("Y");
		pool.returnToFront(List.of(lost, kept), id -> false, Set.of("X")::contains);
		assertThat(pool.transactions()).containsExactly(kept);
		assertThat(pool.doubleSpendsDropped()).isEqualTo(1);
		assertThat(pool.findDropped(lost.id())).contains(lost);
	}

	@Test
	void revivesDroppedSpendsWhenTheirCoinIsUnspentAgain() {
		Transaction winner = fixture.spend("X");
		Transaction loser = fixture.spend("X");
		pool.add(loser, id -> false, coin -> false);
		pool.dropSpendsOf(List.of(winner));

		pool.restoreSpendsOf(Set.of("X"), id -> false, Set.of("X")::contains);
		assertThat(pool.contains(loser.id())).as("still spent: stays dropped").isFalse();

		pool.restoreSpendsOf(Set.of("X"), id -> false, coin -> false);
		assertThat(pool.transactions()).containsExactly(loser);
		assertThat(pool.findDropped(loser.id())).isEmpty();
	}

	@Test
	void forgetsADroppedSpendOnceItIsConfirmedItself() {
		Transaction loser = fixture.spend("X");
		pool.add(loser, id -> false, coin -> false);
		pool.dropSpendsOf(List.of(fixture.spend("X")));
		pool.removeAll(List.of(loser));
		assertThat(pool.findDropped(loser.id())).isEmpty();
	}

	@Test
	void forgetsTheCoinOfAnEvictedSpend() {
		Transaction oldest = fixture.spend("X");
		mempool.add(oldest, id -> false, coin -> false);
		for (int i = 0; i < 3; i++) {
			mempool.add(fixture.transaction(), id -> false);
		}
		assertThat(mempool.contains(oldest.id())).isFalse();
		assertThat(mempool.spendsOf("X")).isEmpty();
	}

	/**
	 * A seeded property: whatever mix of arrivals, duplicates, reorganisations giving transactions back and blocks
	 * confirming some, the pool holds what a plain list would, in its order, with the oldest evicted first.
	 */
	@Test
	void keepsTheOrderOfAPlainListThroughAnyMixOfArrivalsReorganisationsBlocksAndEvictions() {
		SplittableRandom random = new SplittableRandom(0x6d_656d_706f_6f6cL);
		int max = 40;
		Mempool pool = new Mempool(max, Long.MAX_VALUE);
		LinkedList<Transaction> model = new LinkedList<>();
		List<Transaction> seen = new ArrayList<>();
		long evictions = 0;
		for (int step = 0; step < 20_000; step++) {
			int operation = random.nextInt(10);
			if (operation < 6 || seen.isEmpty()) {
				Transaction tx = (operation == 0 && !seen.isEmpty()) ? seen.get(random.nextInt(seen.size()))
						: fixture.transaction();
				seen.add(tx);
				if (!model.contains(tx)) {
					model.addLast(tx);
				}
				pool.add(tx, id -> false);
			}
			else if (operation < 8) {
				List<Transaction> givenBack = new ArrayList<>();
				for (int i = random.nextInt(6); i > 0; i--) {
					givenBack.add(seen.get(random.nextInt(seen.size())));
				}
				for (int i = givenBack.size() - 1; i >= 0; i--) {
					if (!model.contains(givenBack.get(i))) {
						model.addFirst(givenBack.get(i));
					}
				}
				pool.returnToFront(givenBack, id -> false);
			}
			else {
				List<Transaction> confirmed = new ArrayList<>();
				for (int i = random.nextInt(8); i > 0 && !model.isEmpty(); i--) {
					confirmed.add(model.get(random.nextInt(model.size())));
				}
				model.removeAll(confirmed);
				pool.removeAll(confirmed);
			}
			while (model.size() > max) {
				model.removeFirst();
				evictions++;
			}
			assertThat(pool.transactions()).as("step %d", step).containsExactlyElementsOf(model);
		}
		assertThat(pool.size()).isEqualTo(model.size());
		assertThat(pool.bytes()).isEqualTo(model.stream().mapToLong(Transaction::size).sum());
		assertThat(pool.evicted()).isEqualTo(evictions).isPositive();
		assertThat(pool.candidates(10, Long.MAX_VALUE)).containsExactlyElementsOf(model.subList(0, 10));
	}

}
