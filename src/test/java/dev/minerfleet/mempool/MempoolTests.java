package dev.minerfleet.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
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

}
