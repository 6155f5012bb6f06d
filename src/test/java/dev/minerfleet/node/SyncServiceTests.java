package dev.minerfleet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.mempool.Mempool;

/**
 * Catch-up sync between miners whose messages a fake network carries, one at a time, on a fake clock: what is asked,
 * what is answered, what is taken, and every limit.
 */
@ExtendWith(OutputCaptureExtension.class)
class SyncServiceTests {

	private static final SyncProperties DEFAULTS = new SyncProperties(500, Duration.ofSeconds(5),
			Duration.ofMillis(250), 10, 5, 20, 10_000);

	private final TestChain fixture = new TestChain();

	private final FakeClock clock = new FakeClock();

	private final FakeScheduler scheduler = new FakeScheduler(clock);

	private final FakeNetwork network = new FakeNetwork();

	private final Map<String, Node> nodes = new HashMap<>();

	/** A miner: its chain, its chain service and its sync service, on the fake network. */
	private record Node(String id, Blockchain chain, ChainService service, SyncService sync) {

		int height() {
			return chain.snapshot().height();
		}

		Hash tip() {
			return chain.snapshot().tip().hash();
		}

		/** A block broadcast by {@code from}, as the inbound flow hands it over. */
		AddResult receive(Block block, String from) {
			AddResult result = service.receiveBlock(block, from);
			sync.afterBlockReceived(from, result);
			return result;
		}

	}

	private Node node(String id) {
		return node(id, DEFAULTS);
	}

	private Node node(String id, SyncProperties properties) {
		Blockchain chain = fixture.newBlockchain();
		ChainService service = new ChainService(new Ledger(chain, new Mempool(10_000, 1 << 24)),
				new MinerProperties(id), (block, sendWhole) -> {
				}, tx -> {
				}, List.of(), clock);
		SyncService sync = new SyncService(service, network.requester(id), network.responder(id), network.tips(id),
				properties, clock,
				new SplittableRandom(id.hashCode()), scheduler);
		Node node = new Node(id, chain, service, sync);
		nodes.put(id, node);
		return node;
	}

	/** Mines {@code count} blocks on {@code node}'s tip, straight into its chain. */
	private List<Block> mine(Node node, int count) {
		Block tip = node.chain().snapshot().tip().block();
		List<Block> blocks = fixture.blocks(tip, node.id(), count);
		blocks.forEach(block -> assertThat(node.chain().add(block)).isInstanceOf(AddResult.Extended.class));
		return blocks;
	}

	/** Carries every message and runs every timer task, advancing the clock to it, until nothing is left. */
	private void settle() {
		for (int steps = 0; steps < 10_000; steps++) {
			if (!network.deliverNext(nodes) && !scheduler.runNext()) {
				return;
			}
		}
		throw new AssertionError("sync does not settle");
	}

	// ---- asking

	@Test
	void asksTheSenderOfABlockThatDoesNotConnectForTheBlocksAfterThisMinersLocator() {
		Node late = node("late");
		Node ahead = node("ahead");
		List<Block> blocks = mine(ahead, 30);

		AddResult result = late.receive(blocks.get(29), "ahead");

		assertThat(result).isInstanceOf(AddResult.Orphaned.class);
		assertThat(network.requests()).singleElement().satisfies(request -> {
			assertThat(request.from()).isEqualTo("late");
			assertThat(request.to()).isEqualTo("ahead");
			assertThat(request.locator()).isEqualTo(late.chain().locator());
			assertThat(request.max()).isEqualTo(500);
		});
	}

	@Test
	void asksNothingForBlocksThatConnectNorForItsOwn() {
		Node late = node("late");
		Node ahead = node("ahead");
		List<Block> blocks = mine(ahead, 3);

		late.receive(blocks.get(0), "ahead");
		late.receive(blocks.get(0), "ahead");
		late.sync().afterBlockReceived("late", new AddResult.Orphaned(blocks.get(2).hash(), blocks.get(1).hash()));

		assertThat(network.requests()).isEmpty();
	}

	@Test
	void asksForABlockThatDoesNotConnectOnlyWhenItsSenderClaimsMoreWorkThanThisMinersChain() {
		Node behind = node("behind");
		Node rival = node("rival");
		mine(behind, 3);
		List<Block> rivals = mine(rival, 4);
		AddResult orphaned = behind.service().receiveBlock(rivals.get(3), "rival");
		BigInteger mine = behind.chain().snapshot().tip().chainWork();
		BigInteger claimed = rival.chain().snapshot().tip().chainWork();
		assertThat(orphaned).isInstanceOf(AddResult.Orphaned.class);
		assertThat(claimed).isGreaterThan(mine);

		behind.sync().afterBlockReceived("rival", orphaned, Optional.of(mine));

		assertThat(network.requests()).isEmpty();

		behind.sync().afterBlockReceived("rival", orphaned, Optional.of(claimed));

		assertThat(network.requests()).singleElement().satisfies(request -> assertThat(request.to()).isEqualTo("rival"));
		settle();
		assertThat(behind.tip()).isEqualTo(rival.tip());
	}

	@Test
	void saysHowManyBlocksOfAReplyItHeldAlreadyOnASideBranch(CapturedOutput output) {
		Node switching = node("switching");
		Node rival = node("rival");
		mine(switching, 4);
		List<Block> rivals = mine(rival, 6);
		assertThat(switching.chain().add(rivals.get(0))).isInstanceOf(AddResult.SideChain.class);
		assertThat(switching.chain().add(rivals.get(1))).isInstanceOf(AddResult.SideChain.class);

		switching.receive(rivals.get(5), "rival");
		settle();

		assertThat(switching.tip()).isEqualTo(rival.tip());
		assertThat(output.getAll()).contains("Synced 4 blocks from rival (#3..#6; 2 of the 6 sent were here already)");
	}

	@Test
	void catchesUpThroughSeveralBatchesFromAMinerFarAhead(CapturedOutput output) {
		Node late = node("late");
		Node ahead = node("ahead");
		List<Block> blocks = mine(ahead, 1200);

		late.receive(blocks.get(1199), "ahead");
		settle();

		assertThat(late.tip()).isEqualTo(ahead.tip());
		assertThat(network.sentRequests()).hasSize(3);
		assertThat(network.sentReplies()).extracting(FakeNetwork.Reply::more).containsExactly(true, true, false);
		assertThat(late.sync().syncingFrom()).isEmpty();
		// each block went through the chain service: validated, counted, and logged once per batch
		assertThat(late.service().statistics().blocksReceived()).isEqualTo(1201);
		assertThat(late.service().statistics().blocksRejected()).isZero();
		assertThat(output.getAll()).contains("Synced 500 blocks from ahead (#1..#500), tip #500 "
				+ blocks.get(499).hash().abbreviated(), "Synced 500 blocks from ahead (#501..#1000), tip #1000 ",
				// the batch brought the block that started it too: it was waiting in the orphan pool
				"Synced 200 blocks from ahead (#1001..#1200), tip #1200 " + blocks.get(1199).hash().abbreviated());
		assertThat(output.getAll().lines().filter(line -> line.contains("Accepted block #")))
			.allMatch(line -> line.contains("DEBUG"));
	}

	// ---- tips

	@Test
	void aMinerThatAnnouncesItsTipIsAnsweredByAMinerWithMoreWorkAndCatchesUpFromIt() {
		Node late = node("late");
		Node ahead = node("ahead");
		mine(ahead, 700);

		late.sync().announceTip();
		settle();

		assertThat(late.tip()).isEqualTo(ahead.tip());
		assertThat(network.sentTips()).extracting(FakeNetwork.Tip::from, FakeNetwork.Tip::to)
			.containsExactly(tuple("late", null),
					tuple("ahead", "late"));
		assertThat(network.sentRequests()).extracting(FakeNetwork.Request::to).containsOnly("ahead").hasSize(2);
	}

	@Test
	void aMinerAheadThatAnnouncesItsTipIsSyncedFromByTheMinersBehind() {
		Node ahead = node("ahead");
		Node behind = node("behind");
		Node further = node("further");
		mine(ahead, 40);

		ahead.sync().announceTip();
		settle();

		assertThat(behind.tip()).isEqualTo(ahead.tip());
		assertThat(further.tip()).isEqualTo(ahead.tip());
		// neither answers a tip with more work than its own
		assertThat(network.sentTips()).extracting(FakeNetwork.Tip::from).containsExactly("ahead");
	}

	@Test
	void aSessionStoppedByItsLimitResumesAtTheNextPeriodicAnnouncement(CapturedOutput output) {
		SyncProperties smallSessions = new SyncProperties(100, Duration.ofSeconds(5), Duration.ofMillis(250), 10, 5, 20,
				200);
		Node late = node("late", smallSessions);
		Node ahead = node("ahead");
		mine(ahead, 500);

		late.sync().announceTip();
		settle();
		assertThat(late.height()).isEqualTo(200);

		// no block will come: only the next announcement, sync.announce-interval later, can restart the exchange
		clock.advanceTo(clock.millis() + 30_000);
		assertThat(late.sync().announceTipAgain()).isTrue();
		settle();
		assertThat(late.height()).isEqualTo(400);
		clock.advanceTo(clock.millis() + 30_000);
		late.sync().announceTipAgain();
		settle();

		assertThat(late.tip()).isEqualTo(ahead.tip());
		// the periodic announcements are not logged at INFO: only the one on connecting is
		assertThat(output.getAll().lines().filter(line -> line.contains("Announced tip") && line.contains("INFO")))
			.hasSize(1);
	}

	@Test
	void minersWithEqualWorkNeitherAnswerNorAsk() {
		Node one = node("one");
		Node two = node("two");
		List<Block> blocks = mine(one, 5);
		blocks.forEach(two.chain()::add);

		one.sync().announceTip();
		settle();

		assertThat(network.sentTips()).hasSize(1);
		assertThat(network.sentRequests()).isEmpty();
	}

	@Test
	void aTipWithMoreWorkStartsNoSecondSessionWhileOneRuns() {
		Node late = node("late");
		Node first = node("first");
		Node second = node("second");
		List<Block> blocks = mine(first, 30);
		blocks.forEach(second.chain()::add);

		late.receive(blocks.get(29), "first");
		late.sync().tipHeard("second", second.tip(), second.chain().snapshot().tip().chainWork(), false);

		assertThat(late.sync().syncingFrom()).containsExactly("first");
		assertThat(network.requests()).extracting(FakeNetwork.Request::to).containsExactly("first");
	}

	@Test
	void syncsFromNoMoreMinersAtOnceThanMaxSessionsAndFromAnotherOnceASessionEnds() {
		Node late = node("late", new SyncProperties(500, Duration.ofSeconds(5), Duration.ofMillis(250), 10, 5, 20,
				10_000, Duration.ofSeconds(30), 1));
		Node ahead = node("ahead");
		Node other = node("other");
		List<Block> blocks = mine(ahead, 10);
		List<Block> others = mine(other, 10);

		late.receive(blocks.get(9), "ahead");
		late.receive(others.get(9), "other");
		assertThat(late.sync().syncingFrom()).containsExactly("ahead");
		assertThat(network.requests()).extracting(FakeNetwork.Request::to).containsExactly("ahead");

		settle();
		assertThat(late.sync().syncingFrom()).isEmpty();
		late.receive(others.get(8), "other");
		assertThat(late.sync().syncingFrom()).containsExactly("other");
		assertThat(network.requests()).extracting(FakeNetwork.Request::to).containsExactly("other");
	}

	@Test
	void aClaimOfMoreWorkForAKnownBlockAsksNothing() {
		Node late = node("late");
		Node liar = node("liar");
		mine(late, 3);

		late.sync().tipHeard("liar", late.tip(), BigInteger.TWO.pow(300), true);

		assertThat(network.sentRequests()).isEmpty();
		assertThat(network.sentTips()).isEmpty();
		assertThat(liar.height()).isZero();
	}

	@Test
	void answersToAnnouncedTipsKeepToTheReplyRateLimitOfEachRequester() {
		Node ahead = node("ahead");
		mine(ahead, 3);

		for (int i = 0; i < 20; i++) {
			ahead.sync().tipHeard("spammer", Hash.ZERO, BigInteger.ONE, true);
		}

		// sync.max-replies-per-second-per-peer is 5
		assertThat(network.sentTips()).hasSize(5).allMatch(tip -> "spammer".equals(tip.to()));
	}

	@Test
	void asksForTheNextBatchWithTheLocatorOfTheLastBlockReceived() {
		Node late = node("late");
		Node ahead = node("ahead");
		List<Block> blocks = mine(ahead, 700);

		late.receive(blocks.get(699), "ahead");
		settle();

		StoredBlock block500 = late.chain().find(blocks.get(499).hash()).orElseThrow();
		assertThat(network.sentRequests().get(1).locator()).isEqualTo(late.chain().locator(block500));
	}

	/**
	 * <pre>
	 * G - 1 - 2 - 3 - L4 - L5                  the late miner's chain
	 *               \ A4 - A5 - ... - A40      the miner it hears from: heavier
	 * </pre>
	 */
	@Test
	void getsTheBlocksFromTheForkPointWhenOnAnotherBranchAndReorganizes() {
		Node late = node("late");
		Node ahead = node("ahead");
		List<Block> common = mine(ahead, 3);
		common.forEach(late.chain()::add);
		mine(late, 2);
		List<Block> branch = mine(ahead, 37);

		late.receive(branch.get(36), "ahead");
		settle();

		assertThat(late.tip()).isEqualTo(ahead.tip());
		assertThat(network.sentReplies()).singleElement()
			.satisfies(reply -> assertThat(reply.blocks()).isEqualTo(branch));
		assertThat(late.service().statistics().reorganizations()).isEqualTo(1);
	}

	@Test
	void keepsFollowingAMinerThatMinedOnWhileTheReplyWasOnItsWay() {
		Node late = node("late");
		Node ahead = node("ahead");
		List<Block> first = mine(ahead, 20);
		late.receive(first.get(19), "ahead");
		network.deliverNext(nodes);
		// the reply (blocks 1 to 20, nothing more) travels; meanwhile the miner finds five more, and the late miner
		// hears of the last, which does not connect yet
		List<Block> next = mine(ahead, 5);
		late.receive(next.get(4), "ahead");
		assertThat(network.requests()).isEmpty();

		settle();

		assertThat(late.tip()).isEqualTo(ahead.tip());
		assertThat(network.sentReplies()).extracting(FakeNetwork.Reply::more).containsExactly(false, false);
		assertThat(network.sentReplies().get(1).blocks()).isEqualTo(next);
	}

	@Test
	void keepsOneRequestPendingPerMinerUntilItTimesOut() {
		Node late = node("late");
		Node ahead = node("ahead");
		Node other = node("other");
		List<Block> blocks = mine(ahead, 10);
		List<Block> others = mine(other, 10);

		late.receive(blocks.get(8), "ahead");
		late.receive(blocks.get(9), "ahead");
		late.receive(others.get(9), "other");
		assertThat(network.requests()).extracting(FakeNetwork.Request::to).containsExactly("ahead", "other");

		network.drop();
		clock.advance(Duration.ofMillis(4_999));
		late.receive(blocks.get(7), "ahead");
		assertThat(network.requests()).isEmpty();
		clock.advance(Duration.ofMillis(1));
		late.receive(blocks.get(6), "ahead");
		assertThat(network.requests()).extracting(FakeNetwork.Request::to).containsExactly("ahead");
	}

	@Test
	void dropsRepliesToNoPendingRequest() {
		Node late = node("late");
		Node ahead = node("ahead");
		List<Block> blocks = mine(ahead, 10);
		late.receive(blocks.get(9), "ahead");
		String requestId = network.requests().get(0).requestId();

		late.sync().handleReply("ahead", "not-" + requestId, blocks, false);
		late.sync().handleReply("other", requestId, blocks, false);
		assertThat(late.height()).isZero();

		late.sync().handleReply("ahead", requestId, blocks.subList(0, 5), false);
		late.sync().handleReply("ahead", requestId, blocks, false);
		assertThat(late.height()).isEqualTo(5);
	}

	@Test
	void stopsWhenAReplyAddsNothingNew() {
		Node late = node("late");
		Node ahead = node("ahead");
		List<Block> blocks = mine(ahead, 10);
		blocks.subList(0, 5).forEach(late.chain()::add);
		late.receive(blocks.get(9), "ahead");
		String requestId = network.requests().get(0).requestId();
		network.drop();

		late.sync().handleReply("ahead", requestId, blocks.subList(0, 5), true);
		settle();

		assertThat(network.sentRequests()).isEmpty();
		assertThat(late.sync().syncingFrom()).isEmpty();
	}

	@Test
	void stopsAtTheFirstInvalidBlockAndSubmitsNothingAfterIt(CapturedOutput output) {
		Node late = node("late");
		Node ahead = node("ahead");
		List<Block> blocks = mine(ahead, 10);
		late.receive(blocks.get(9), "ahead");
		String requestId = network.requests().get(0).requestId();
		network.drop();
		List<Block> tampered = new ArrayList<>(blocks);
		tampered.set(3, TestChain.withFailingNonce(blocks.get(3)));

		late.sync().handleReply("ahead", requestId, tampered, true);
		settle();

		assertThat(late.height()).isEqualTo(3);
		assertThat(late.chain().orphanCount()).isEqualTo(1);
		assertThat(late.service().statistics().blocksRejected()).isEqualTo(1);
		assertThat(network.sentRequests()).isEmpty();
		assertThat(late.sync().syncingFrom()).isEmpty();
		assertThat(output.getAll()).contains("Rejected block " + tampered.get(3).hash().abbreviated() + " from ahead",
				"Stopped syncing from ahead: it sent an invalid block");
	}

	@Test
	void stopsAfterTheMostNewBlocksOneSessionMayAdd(CapturedOutput output) {
		Node late = node("late", new SyncProperties(100, Duration.ofSeconds(5), Duration.ofMillis(250), 10, 5, 20,
				250));
		Node ahead = node("ahead");
		List<Block> blocks = mine(ahead, 1000);

		late.receive(blocks.get(999), "ahead");
		settle();

		assertThat(late.height()).isEqualTo(300);
		assertThat(late.sync().syncingFrom()).isEmpty();
		assertThat(output.getAll()).contains("Stopped syncing from ahead after 300 new blocks");
	}

	@Test
	void givesUpARequestThatCouldNotBeSentAndAsksAgainOnTheNextBlock() {
		Node late = node("late");
		Node ahead = node("ahead");
		List<Block> blocks = mine(ahead, 10);
		network.brokerDown = true;

		late.receive(blocks.get(8), "ahead");
		assertThat(late.sync().syncingFrom()).isEmpty();

		network.brokerDown = false;
		late.receive(blocks.get(9), "ahead");
		settle();
		assertThat(late.tip()).isEqualTo(ahead.tip());
	}

	@Test
	void sendsAtMostMaxRequestsPerSecondInAll() {
		Node late = node("late", new SyncProperties(500, Duration.ofSeconds(5), Duration.ofMillis(250), 3, 5, 20,
				10_000));
		List<Block> blocks = fixture.blocks(fixture.genesis(), "x", 10);

		for (int peer = 1; peer <= 5; peer++) {
			late.receive(blocks.get(2 + peer), "peer-" + peer);
		}
		assertThat(network.requests()).extracting(FakeNetwork.Request::to)
			.containsExactly("peer-1", "peer-2", "peer-3");

		clock.advance(Duration.ofMillis(999));
		late.receive(blocks.get(8), "peer-4");
		assertThat(network.requests()).hasSize(3);
		clock.advance(Duration.ofMillis(1));
		late.receive(blocks.get(9), "peer-4");
		assertThat(network.requests()).hasSize(4);
	}

	@Test
	void waitsOnTheTimerBetweenTwoRequestsToOneMinerAndForTheRateLimit() {
		Node late = node("late", new SyncProperties(10, Duration.ofSeconds(5), Duration.ofMillis(250), 2, 5, 20,
				10_000));
		Node ahead = node("ahead");
		List<Block> blocks = mine(ahead, 30);
		late.receive(blocks.get(29), "ahead");
		network.deliverNext(nodes);
		network.deliverNext(nodes);
		assertThat(network.requests()).isEmpty();
		assertThat(scheduler.delays()).containsExactly(Duration.ofMillis(250));

		// another miner takes the second request of this second
		late.receive(fixture.blocks(fixture.genesis(), "x", 2).get(1), "other");
		scheduler.runNext();
		assertThat(network.requests()).extracting(FakeNetwork.Request::to).containsExactly("other");
		assertThat(scheduler.delays()).containsExactly(Duration.ofMillis(750));

		scheduler.runNext();
		assertThat(network.requests()).extracting(FakeNetwork.Request::to).containsExactly("other", "ahead");
		assertThat(late.height()).isEqualTo(10);
	}

	// ---- serving

	@Test
	void answersWithTheBlocksAfterTheLocatorAtMostTheBatchSize() {
		Node ahead = node("ahead", new SyncProperties(10, Duration.ofSeconds(5), Duration.ofMillis(250), 10, 50, 50,
				10_000));
		List<Block> blocks = mine(ahead, 30);
		List<Hash> atBlock5 = List.of(blocks.get(4).hash(), fixture.genesis().hash());

		ahead.sync().answerRequest("late", "r1", atBlock5, 500);
		ahead.sync().answerRequest("late", "r2", atBlock5, 3);
		ahead.sync().answerRequest("late", "r3", List.of(blocks.get(19).hash()), 500);
		ahead.sync().answerRequest("late", "r4", ahead.chain().locator(), 500);

		assertThat(network.replies()).extracting(FakeNetwork.Reply::requestId).containsExactly("r1", "r2", "r3", "r4");
		assertThat(network.replies().get(0).blocks()).isEqualTo(blocks.subList(5, 15));
		assertThat(network.replies().get(0).more()).isTrue();
		assertThat(network.replies().get(1).blocks()).isEqualTo(blocks.subList(5, 8));
		assertThat(network.replies().get(1).more()).isTrue();
		assertThat(network.replies().get(2).blocks()).isEqualTo(blocks.subList(20, 30));
		assertThat(network.replies().get(2).more()).isFalse();
		assertThat(network.replies().get(3).blocks()).isEmpty();
		assertThat(network.replies().get(3).more()).isFalse();
		assertThat(network.replies()).allSatisfy(reply -> assertThat(reply.to()).isEqualTo("late"));
	}

	@Test
	void answersAtMostSoManyRequestsPerSecondPerRequesterAndInAll() {
		Node ahead = node("ahead", new SyncProperties(500, Duration.ofSeconds(5), Duration.ofMillis(250), 10, 2, 3,
				10_000));
		mine(ahead, 5);
		List<Hash> genesis = List.of(fixture.genesis().hash());

		for (int i = 0; i < 3; i++) {
			ahead.sync().answerRequest("a", "a" + i, genesis, 500);
			ahead.sync().answerRequest("b", "b" + i, genesis, 500);
		}
		assertThat(network.replies()).extracting(FakeNetwork.Reply::requestId).containsExactly("a0", "b0", "a1");

		clock.advance(Duration.ofSeconds(1));
		ahead.sync().answerRequest("b", "b3", genesis, 500);
		assertThat(network.replies()).extracting(FakeNetwork.Reply::requestId).endsWith("b3");
	}

	@Test
	void neverAnswersItself() {
		Node ahead = node("ahead");
		mine(ahead, 5);

		ahead.sync().answerRequest("ahead", "r1", List.of(), 500);

		assertThat(network.replies()).isEmpty();
	}

	// ---- fakes

	/** Tasks in the order they are due; runs them only when asked. */
	private static final class FakeScheduler implements SyncService.Scheduler {

		private record Task(long due, long order, Duration delay, Runnable task) {
		}

		private final List<Task> tasks = new ArrayList<>();

		private final FakeClock clock;

		private long order;

		FakeScheduler(FakeClock clock) {
			this.clock = clock;
		}

		@Override
		public void schedule(Duration delay, Runnable task) {
			tasks.add(new Task(clock.millis() + delay.toMillis(), order++, delay, task));
		}

		List<Duration> delays() {
			return tasks.stream().map(Task::delay).toList();
		}

		/** Advances the clock to the first task due and runs it; false when none is scheduled. */
		boolean runNext() {
			if (tasks.isEmpty()) {
				return false;
			}
			Task next = tasks.stream().min(Comparator.comparingLong(Task::due).thenComparingLong(Task::order)).get();
			tasks.remove(next);
			clock.advanceTo(next.due());
			next.task().run();
			return true;
		}

	}

	/** Carries requests and replies between the nodes of a test, in order, one at a time. */
	private static final class FakeNetwork {

		record Request(String from, String to, String requestId, List<Hash> locator, int max) {
		}

		record Reply(String from, String to, String requestId, List<Block> blocks, boolean more) {
		}

		/** A tip announced to all when {@code to} is null, else an answer to {@code to}. */
		record Tip(String from, @Nullable String to, Hash hash, BigInteger work) {
		}

		boolean brokerDown;

		private final Deque<Object> inFlight = new ArrayDeque<>();

		private final List<Request> sentRequests = new ArrayList<>();

		private final List<Reply> sentReplies = new ArrayList<>();

		private final List<Tip> sentTips = new ArrayList<>();

		SyncRequester requester(String from) {
			return (peer, requestId, locator, max) -> {
				if (brokerDown) {
					return false;
				}
				Request request = new Request(from, peer, requestId, locator, max);
				sentRequests.add(request);
				inFlight.add(request);
				return true;
			};
		}

		SyncResponder responder(String from) {
			return (requester, requestId, blocks, more) -> {
				Reply reply = new Reply(from, requester, requestId, blocks, more);
				sentReplies.add(reply);
				inFlight.add(reply);
				return blocks.size();
			};
		}

		TipPublisher tips(String from) {
			return new TipPublisher() {

				@Override
				public boolean announce(StoredBlock tip) {
					return send(new Tip(from, null, tip.hash(), tip.chainWork()));
				}

				@Override
				public boolean answer(String peer, StoredBlock tip) {
					return send(new Tip(from, peer, tip.hash(), tip.chainWork()));
				}

				private boolean send(Tip tip) {
					if (brokerDown) {
						return false;
					}
					sentTips.add(tip);
					inFlight.add(tip);
					return true;
				}

			};
		}

		List<Tip> sentTips() {
			return sentTips;
		}

		/** The requests in flight. */
		List<Request> requests() {
			return inFlight.stream().filter(Request.class::isInstance).map(Request.class::cast).toList();
		}

		/** The replies in flight. */
		List<Reply> replies() {
			return inFlight.stream().filter(Reply.class::isInstance).map(Reply.class::cast).toList();
		}

		/** Every request sent since the last {@link #drop()}. */
		List<Request> sentRequests() {
			return sentRequests;
		}

		List<Reply> sentReplies() {
			return sentReplies;
		}

		/** Loses whatever is in flight and forgets what was sent. */
		void drop() {
			inFlight.clear();
			sentRequests.clear();
			sentReplies.clear();
			sentTips.clear();
		}

		/** Delivers the oldest message in flight to a node of the test, if it is one; false when none is in flight. */
		boolean deliverNext(Map<String, Node> nodes) {
			Object next = inFlight.poll();
			if (next instanceof Request request) {
				Node to = nodes.get(request.to());
				if (to != null) {
					to.sync().answerRequest(request.from(), request.requestId(), request.locator(), request.max());
				}
			}
			else if (next instanceof Reply reply) {
				Node to = nodes.get(reply.to());
				if (to != null) {
					to.sync().handleReply(reply.from(), reply.requestId(), reply.blocks(), reply.more());
				}
			}
			else if (next instanceof Tip tip && tip.to() == null) {
				nodes.values()
					.stream()
					.filter(node -> !node.id().equals(tip.from()))
					.forEach(node -> node.sync().tipHeard(tip.from(), tip.hash(), tip.work(), true));
			}
			else if (next instanceof Tip tip) {
				Node to = nodes.get(tip.to());
				if (to != null) {
					to.sync().tipHeard(tip.from(), tip.hash(), tip.work(), false);
				}
			}
			return next != null;
		}

	}

}
