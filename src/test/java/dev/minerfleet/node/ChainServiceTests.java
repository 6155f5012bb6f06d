package dev.minerfleet.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool;
import dev.minerfleet.mempool.Mempool.Admission;

class ChainServiceTests {

	private final TestChain fixture = new TestChain();

	private final List<Optional<Duration>> delays = new CopyOnWriteArrayList<>();

	private final List<Transaction> confirmed = new CopyOnWriteArrayList<>();

	/** What the block broadcaster was asked to send whole, per block. */
	private final List<Set<Hash>> sentWhole = new CopyOnWriteArrayList<>();

	private final ChainService service = new ChainService(
			new Ledger(fixture.newBlockchain(), new Mempool(1_000, 1_000_000)), new MinerProperties("me"),
			(block, sendWhole) -> sentWhole.add(sendWhole), tx -> {
			}, List.of(new NodeObserver() {
				@Override
				public void blockReceived(String from, AddResult result, Optional<Duration> propagationDelay) {
					delays.add(propagationDelay);
				}

				@Override
				public void transactionConfirmed(Transaction transaction, Duration latency) {
					confirmed.add(transaction);
				}
			}), TestChain.CLOCK);

	@Test
	void admitsTheTransactionsOfOneMessageInTheirOrderAsIfEachCameAlone() {
		Transaction confirmedOne = fixture.transaction();
		Block block = fixture.block(fixture.genesis(), "other", confirmedOne);
		service.receiveBlock(block, "other");
		Transaction fresh = fixture.transaction();
		Transaction forged = fixture.transaction().withId(fixture.transaction().id());

		List<Admission> admissions = service.receiveTransactions(List.of(fresh, confirmedOne, fresh, forged), "other");

		assertThat(admissions).containsExactly(Admission.ADDED, Admission.ALREADY_CONFIRMED, Admission.DUPLICATE,
				Admission.INVALID_ID);
		assertThat(service.mempool().transactions()).containsExactly(fresh);
		assertThat(service.statistics().transactionsReceived()).isEqualTo(4);
	}

	@Test
	void liveBlocksMeasurePropagationAndConfirmationWhileSyncedHistoryDoesNot() {
		List<Block> blocks = fixture.blocks(fixture.genesis(), "other", 2);

		assertThat(service.receiveSyncedBlock(blocks.get(0), "other")).isInstanceOf(AddResult.Extended.class);
		assertThat(delays).containsExactly(Optional.empty());
		assertThat(confirmed).isEmpty();

		assertThat(service.receiveBlock(blocks.get(1), "other")).isInstanceOf(AddResult.Extended.class);
		assertThat(delays.get(1)).isPresent();
		assertThat(confirmed).containsExactly(blocks.get(1).transactions().get(1));
		assertThat(service.statistics().blocksReceived()).isEqualTo(2);
		assertThat(service.statistics().blocksAccepted()).isEqualTo(2);
	}

	@Test
	void keepsConfirmationLatenciesAndForkStatisticsForStatus() {
		//   genesis ── o1 ── o2       another miner's, received live
		//         └── me1             mined here, then left behind
		Block mine = fixture.block(fixture.genesis(), "me");
		List<Block> theirs = fixture.blocks(fixture.genesis(), "other", 2);
		assertThat(service.submit(mine)).isTrue();
		theirs.forEach(block -> service.receiveBlock(block, "other"));

		// the test clock stands a day after genesis, and the fixture's transactions are made just after it
		long day = Duration.ofDays(1).toMillis();
		Transaction first = theirs.get(0).transactions().get(1);
		Transaction second = theirs.get(1).transactions().get(1);
		ConfirmationLatency.Summary latency = service.statistics().confirmationLatency();
		assertThat(latency.count()).isEqualTo(2);
		assertThat(latency.maxMillis()).isEqualTo(TestChain.CLOCK.millis() - first.createdAt());
		assertThat(latency.p50Millis()).isEqualTo(TestChain.CLOCK.millis() - second.createdAt());
		assertThat(latency.meanMillis()).isBetween(day - 100.0, (double) day);
		assertThat(service.forks().staleBlocksFoundBy("me")).isEqualTo(1);
		assertThat(service.forks().blocksByFinder()).containsExactly(java.util.Map.entry("other", 2L));
		assertThat(service.forks().reorgDepths()).containsExactly(java.util.Map.entry(1, 1L));
	}

	@Test
	void aMinedBlockSendsWholeTheTransactionsThisMinerTookFromBlocksAndNoneItReceivedLoose() {
		//   genesis ── me1 [returned]     mined here, then left behind
		//         └── o1 ── o2            received: the active chain
		//                └── p2 [side]    received: a side block
		Transaction returned = fixture.transaction();
		Transaction loose = fixture.transaction();
		assertThat(service.submit(fixture.block(fixture.genesis(), "me", returned))).isTrue();
		Block o1 = fixture.block(fixture.genesis(), "other");
		Block o2 = fixture.block(o1, "other");
		Transaction side = fixture.transaction();
		Block p2 = fixture.block(o1, "other", side);
		service.receiveBlock(o1, "other");
		service.receiveBlock(o2, "other");
		service.receiveBlock(p2, "other");
		service.receiveTransaction(loose, "other");
		assertThat(service.mempool().transactions()).containsExactlyInAnyOrder(returned, side, loose);

		assertThat(service.submit(fixture.block(o2, "me", returned, loose, side))).isTrue();

		assertThat(sentWhole).hasSize(2);
		assertThat(sentWhole.get(0)).isEmpty();
		assertThat(sentWhole.get(1)).containsExactlyInAnyOrder(returned.id(), side.id());
		assertThat(service.statistics().relay().prefilled()).isEqualTo(2);
	}

}
