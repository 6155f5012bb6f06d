package dev.minerfleet.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.CompactBlock;
import dev.minerfleet.chain.CompactBlock.Prefilled;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.ShortTransactionIds;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool;

/**
 * Compact block relay between two real nodes (chain, mempool, validation) whose requests and answers the test carries
 * by hand: what is rebuilt, what is asked for, what is answered, and what is refused.
 */
class CompactBlockRelayTests {

	/** What a sender that does not say how much work its branch holds claims. */
	private static final Optional<BigInteger> NO_CLAIM = Optional.empty();

	private static final RelayProperties RELAY = new RelayProperties(true, Duration.ofSeconds(5), 4, 3);

	private final TestChain fixture = new TestChain();

	private final FakeClock clock = new FakeClock();

	private final List<Request> requests = new ArrayList<>();

	private final List<Answer> answers = new ArrayList<>();

	/** Catch-up sync requests: (from, to). */
	private final List<List<String>> syncRequests = new ArrayList<>();

	private final Node sender = node("sender");

	private final Node receiver = node("receiver");

	record Request(String from, String to, Hash block, List<Integer> indexes) {
	}

	record Answer(String from, String to, Hash block, List<Integer> indexes, List<Transaction> transactions) {
	}

	private record Node(String id, ChainService service, CompactBlockRelay relay) {

		Hash tip() {
			return service.snapshot().tip().hash();
		}

	}

	private Node node(String id) {
		ChainService service = new ChainService(new Ledger(fixture.newBlockchain(), new Mempool(10_000, 1 << 24)),
				new MinerProperties(id), (block, sendWhole) -> {
				}, tx -> {
				}, List.of(), clock);
		SyncService sync = new SyncService(service, (peer, requestId, locator, max) -> syncRequests.add(List.of(id, peer)),
				(requester, requestId, blocks, more) -> 0, new TipPublisher() {

					@Override
					public boolean announce(dev.minerfleet.chain.StoredBlock tip) {
						return true;
					}

					@Override
					public boolean answer(String peer, dev.minerfleet.chain.StoredBlock tip) {
						return true;
					}

				}, new SyncProperties(500, Duration.ofSeconds(5), Duration.ofMillis(250), 10, 5, 20, 10_000), clock,
				new SplittableRandom(1), (delay, task) -> {
				});
		BlockTransactionExchange exchange = new BlockTransactionExchange() {

			@Override
			public boolean requestTransactions(String peer, Hash blockHash, List<Integer> indexes) {
				requests.add(new Request(id, peer, blockHash, indexes));
				return true;
			}

			@Override
			public boolean sendTransactions(String requester, Hash blockHash, List<Integer> indexes,
					List<Transaction> transactions) {
				answers.add(new Answer(id, requester, blockHash, indexes, transactions));
				return true;
			}

		};
		return new Node(id, service, new CompactBlockRelay(service, sync, exchange, RELAY, clock));
	}

	/** A block the sender mined and holds, with {@code count} fresh transactions. */
	private Block minedBySender(int count) {
		List<Transaction> txs = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			txs.add(fixture.transaction());
		}
		Block block = fixture.block(fixture.genesis(), "sender", txs.toArray(Transaction[]::new));
		assertThat(sender.service().submit(block)).isTrue();
		return block;
	}

	private void receiverHolds(List<Transaction> transactions) {
		transactions.forEach(tx -> assertThat(receiver.service().receiveTransaction(tx, "elsewhere").isAdded()).isTrue());
	}

	/** Carries the request to the sender and its answer back, as MQTT would. */
	private void carryRequestAndAnswer() {
		Request request = requests.remove(0);
		sender.relay().answer(request.from(), request.block(), request.indexes());
		Answer answer = answers.remove(0);
		receiver.relay().transactionsReceived(answer.from(), answer.block(), answer.indexes(), answer.transactions());
	}

	@Test
	void aBlockWhoseTransactionsAreAllInTheMempoolIsRebuiltAndAcceptedWithoutAskingForAny() {
		Block block = minedBySender(10);
		receiverHolds(block.transactions().subList(1, 11));

		receiver.relay().receive("sender", CompactBlock.of(block), NO_CLAIM);

		assertThat(receiver.tip()).isEqualTo(block.hash());
		assertThat(requests).isEmpty();
		assertThat(receiver.service().mempool().size()).isZero();
		assertThat(receiver.service().statistics().relay().rebuiltFromMempool()).isEqualTo(1);
	}

	@Test
	void onlyTheMissingTransactionsAreAskedForAndTheBlockIsAcceptedWithThem() {
		Block block = minedBySender(6);
		List<Transaction> txs = block.transactions();
		receiverHolds(List.of(txs.get(1), txs.get(2), txs.get(5)));

		receiver.relay().receive("sender", CompactBlock.of(block), NO_CLAIM);

		assertThat(requests).containsExactly(new Request("receiver", "sender", block.hash(), List.of(3, 4, 6)));
		assertThat(receiver.tip()).isEqualTo(fixture.genesis().hash());

		carryRequestAndAnswer();

		assertThat(receiver.tip()).isEqualTo(block.hash());
		assertThat(receiver.service().statistics().relay().transactionsRequested()).isEqualTo(3);
		assertThat(sender.service().statistics().relay().transactionsSent()).isEqualTo(3);
	}

	@Test
	void aRebuiltBlockThatMissesItsMerkleRootFallsBackToAskingForEveryTransaction() {
		Block block = minedBySender(3);
		List<Transaction> txs = block.transactions();
		Transaction lookalike = fixture.transaction();
		ShortTransactionIds ids = ShortTransactionIds.forHeader(block.header());
		// a collision by chance: the short id of position 2 is that of a transaction the receiver holds instead
		CompactBlock collided = new CompactBlock(block.header(), 4, List.of(new Prefilled(0, txs.get(0))),
				new long[] { ids.of(txs.get(1).id()), ids.of(lookalike.id()), ids.of(txs.get(3).id()) });
		receiverHolds(List.of(txs.get(1), lookalike, txs.get(3)));

		receiver.relay().receive("sender", collided, NO_CLAIM);

		assertThat(requests).containsExactly(new Request("receiver", "sender", block.hash(), List.of(1, 2, 3)));
		carryRequestAndAnswer();
		assertThat(receiver.tip()).isEqualTo(block.hash());
		assertThat(receiver.service().statistics().relay().fullBlockFallbacks()).isEqualTo(1);
		assertThat(receiver.service().mempool().contains(lookalike.id())).isTrue();
	}

	@Test
	void aSenderThatAnswersEveryTransactionAndStillMissesTheMerkleRootHasItsBlockRejectedByValidation() {
		Block block = minedBySender(2);
		List<Transaction> txs = block.transactions();
		Transaction forged = fixture.transaction();
		receiverHolds(List.of(txs.get(1)));
		receiver.relay().receive("sender", CompactBlock.of(block), NO_CLAIM);
		Request request = requests.remove(0);

		receiver.relay().transactionsReceived("sender", block.hash(), request.indexes(), List.of(forged));
		assertThat(requests).as("the full-block fallback").singleElement()
			.satisfies(all -> assertThat(all.indexes()).containsExactly(1, 2));
		receiver.relay().transactionsReceived("sender", block.hash(), List.of(1, 2), List.of(txs.get(1), forged));

		assertThat(receiver.tip()).isEqualTo(fixture.genesis().hash());
		assertThat(receiver.service().statistics().blocksRejected()).isEqualTo(1);
	}

	@Test
	void aCompactBlockLackingTransactionsAndItsParentIsLeftToCatchUpSync() {
		Block first = minedBySender(1);
		Block second = fixture.block(first, "sender", fixture.transaction());
		assertThat(sender.service().submit(second)).isTrue();

		receiver.relay().receive("sender", CompactBlock.of(second), NO_CLAIM);

		assertThat(requests).isEmpty();
		assertThat(syncRequests).containsExactly(List.of("receiver", "sender"));
	}

	@Test
	void aCompactBlockWhoseParentIsUnknownIsSyncedWhenItsBranchClaimsMoreWorkAndLeftAloneWhenNot() {
		//   genesis ── s1 ── s2          the sender's branch
		//         └── r1 ── r2 ── r3     the receiver's, with more work
		Block s1 = minedBySender(1);
		Block s2 = fixture.block(s1, "sender", fixture.transaction());
		assertThat(sender.service().submit(s2)).isTrue();
		BigInteger claimed = sender.service().findBlock(s2.hash()).orElseThrow().chainWork();
		fixture.blocks(fixture.genesis(), "receiver", 3).forEach(block -> receiver.service().submit(block));
		BigInteger receivers = receiver.service().snapshot().tip().chainWork();
		assertThat(claimed).isLessThan(receivers);

		receiver.relay().receive("sender", CompactBlock.of(s2), Optional.of(claimed));
		receiver.relay().receive("sender", CompactBlock.of(s2), Optional.of(receivers));

		assertThat(syncRequests).isEmpty();
		assertThat(receiver.service().statistics().relay().lighterBranch()).isEqualTo(2);
		assertThat(receiver.service().statistics().relay().leftToSync()).isZero();

		receiver.relay().receive("sender", CompactBlock.of(s2), Optional.of(receivers.add(BigInteger.ONE)));

		assertThat(syncRequests).containsExactly(List.of("receiver", "sender"));
		assertThat(receiver.service().statistics().relay().leftToSync()).isEqualTo(1);
		assertThat(requests).isEmpty();
	}

	@Test
	void aCompactBlockWhoseParentIsUnknownIsNotRebuiltEvenWithEveryTransactionAtHand() {
		Block first = minedBySender(1);
		Block second = fixture.block(first, "sender", fixture.transaction());
		assertThat(sender.service().submit(second)).isTrue();
		receiverHolds(second.transactions().subList(1, 2));

		receiver.relay().receive("sender", CompactBlock.of(second), NO_CLAIM);

		assertThat(receiver.service().chain().orphanCount()).isZero();
		assertThat(receiver.service().mempool().size()).isEqualTo(1);
		assertThat(receiver.service().statistics().relay().leftToSync()).isEqualTo(1);
		assertThat(requests).isEmpty();
		assertThat(syncRequests).containsExactly(List.of("receiver", "sender"));
	}

	@Test
	void aRivalBlockSharingTransactionsWithRecentBlocksOfTheActiveChainIsRebuiltWithoutAsking() {
		Transaction shared = fixture.transaction();
		Block mine = fixture.block(fixture.genesis(), "receiver", shared);
		receiver.service().submit(mine);
		for (Block block : fixture.blocks(mine, "receiver", 3)) {
			receiver.service().submit(block);
		}
		Block rival = fixture.block(fixture.genesis(), "sender", shared);
		sender.service().submit(rival);

		receiver.relay().receive("sender", CompactBlock.of(rival), NO_CLAIM);

		assertThat(requests).isEmpty();
		assertThat(receiver.service().findBlock(rival.hash())).isPresent();
	}

	@Test
	void aBlockOfABranchThatForkedLongAgoIsRebuiltFromWhatTheActiveChainConfirmedSinceTheFork() {
		//   genesis ── r1 [deep] ── r2 ... r12 [recent]     the receiver's branch, active
		//         └── s1 ── s2 [deep, recent, fresh]         the sender's, pending there
		Transaction deep = fixture.transaction();
		Transaction recent = fixture.transaction();
		Transaction fresh = fixture.transaction();
		Block r1 = fixture.block(fixture.genesis(), "receiver", deep);
		receiver.service().submit(r1);
		List<Block> above = fixture.blocks(r1, "receiver", 10);
		above.forEach(block -> receiver.service().submit(block));
		receiver.service().submit(fixture.block(above.get(9), "receiver", recent));
		receiverHolds(List.of(fresh));
		Block s1 = fixture.block(fixture.genesis(), "sender");
		Block s2 = fixture.block(s1, "sender", deep, recent, fresh);
		assertThat(receiver.service().receiveBlock(s1, "sender")).isInstanceOf(AddResult.SideChain.class);
		assertThat(receiver.service().snapshot().height()).isEqualTo(12);

		receiver.relay().receive("sender", CompactBlock.of(s2), NO_CLAIM);

		assertThat(requests).isEmpty();
		assertThat(receiver.service().findBlock(s2.hash())).isPresent();
		assertThat(receiver.service().statistics().relay().rebuiltFromMempool()).isEqualTo(1);
	}

	@Test
	void aCompactBlockWithoutProofOfWorkIsRejectedWithoutAskingForAnything() {
		Block block = TestChain.withFailingNonce(fixture.block(fixture.genesis(), "sender", fixture.transaction()));

		receiver.relay().receive("sender", CompactBlock.of(block), NO_CLAIM);

		assertThat(requests).isEmpty();
		assertThat(receiver.service().statistics().messagesRejected()).isEqualTo(1);
		assertThat(receiver.tip()).isEqualTo(fixture.genesis().hash());
	}

	@Test
	void aCompactBlockThisMinerHasAlreadyIsNeitherRebuiltNorAskedFor() {
		Block block = minedBySender(2);
		receiver.service().receiveBlock(block, "sender");

		receiver.relay().receive("sender", CompactBlock.of(block), NO_CLAIM);

		assertThat(requests).isEmpty();
		assertThat(receiver.service().statistics().blocksReceived()).isEqualTo(1);
	}

	@Test
	void transactionsNotAskedForOrFromAnotherMinerOrTooLateAreDropped() {
		Block block = minedBySender(2);
		List<Transaction> rest = block.transactions().subList(1, 3);
		receiver.relay().transactionsReceived("sender", block.hash(), List.of(1, 2), rest);
		receiver.relay().receive("sender", CompactBlock.of(block), NO_CLAIM);

		receiver.relay().transactionsReceived("intruder", block.hash(), List.of(1, 2), rest);
		clock.advance(Duration.ofSeconds(6));
		receiver.relay().transactionsReceived("sender", block.hash(), List.of(1, 2), rest);

		assertThat(receiver.tip()).isEqualTo(fixture.genesis().hash());
		assertThat(receiver.service().statistics().messagesRejected()).isZero();
	}

	@Test
	void anAnswerThatLeavesOutTransactionsAskedForIsRejected() {
		Block block = minedBySender(3);
		receiver.relay().receive("sender", CompactBlock.of(block), NO_CLAIM);

		receiver.relay().transactionsReceived("sender", block.hash(), List.of(1), List.of(block.transactions().get(1)));

		assertThat(receiver.service().statistics().messagesRejected()).isEqualTo(1);
		assertThat(receiver.tip()).isEqualTo(fixture.genesis().hash());
	}

	@Test
	void requestsForAnUnknownBlockGoUnansweredAndForPositionsBeyondTheBlockAreRejected() {
		Block block = minedBySender(2);

		sender.relay().answer("receiver", Hash.ZERO, List.of(1));
		sender.relay().answer("receiver", block.hash(), List.of(1, 3));

		assertThat(answers).isEmpty();
		assertThat(sender.service().statistics().messagesRejected()).isEqualTo(1);
	}

	@Test
	void answersStopAtTheRateLimit() {
		Block block = minedBySender(2);

		for (int i = 0; i < 5; i++) {
			sender.relay().answer("receiver", block.hash(), List.of(1));
		}
		assertThat(answers).hasSize(3);
		clock.advance(Duration.ofSeconds(1));
		sender.relay().answer("receiver", block.hash(), List.of(2));
		assertThat(answers).hasSize(4);
	}

	@Test
	void theOldestWaitingBlockIsDroppedWhenTooManyWait() {
		List<Block> blocks = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			// rivals on genesis: each would be accepted alone
			Block block = fixture.block(fixture.genesis(), "sender", fixture.transaction());
			sender.service().submit(block);
			blocks.add(block);
		}
		blocks.forEach(block -> receiver.relay().receive("sender", CompactBlock.of(block), NO_CLAIM));
		assertThat(requests).hasSize(5);

		Block first = blocks.get(0);
		receiver.relay().transactionsReceived("sender", first.hash(), List.of(1), first.transactions().subList(1, 2));
		assertThat(receiver.tip()).as("the first no longer waits").isEqualTo(fixture.genesis().hash());
		Block second = blocks.get(1);
		receiver.relay().transactionsReceived("sender", second.hash(), List.of(1), second.transactions().subList(1, 2));
		assertThat(receiver.service().chain().find(second.hash())).as("the second still waits").isPresent();
	}

}
