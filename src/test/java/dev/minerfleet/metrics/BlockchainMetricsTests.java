package dev.minerfleet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool;
import dev.minerfleet.mempool.Mempool.Admission;
import dev.minerfleet.mining.MiningCoordinator;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.node.Ledger;
import dev.minerfleet.node.MinerProperties;
import dev.minerfleet.node.NodeObserver.MessageKind;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The meters as Prometheus scrapes them, fed by a real ChainService over real blocks. The
 * registry gets the {@code miner} common tag the way application.yaml gives it to Boot's.
 */
class BlockchainMetricsTests {

	private final TestChain blocks = new TestChain();

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private final MiningCoordinator mining = mock(MiningCoordinator.class);

	private Ledger ledger;

	private BlockchainMetrics metrics;

	private ChainService node;

	@BeforeEach
	void miner1WithMetricsBound() {
		registry.config().commonTags("miner", "miner-1");
		ledger = new Ledger(blocks.newBlockchain(), new Mempool(1000, 1_000_000));
		StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("miningCoordinator", mining));
		metrics = new BlockchainMetrics(ledger, beans.getBeanProvider(MiningCoordinator.class),
				new MinerProperties("miner-1"));
		metrics.bindTo(registry);
		node = new ChainService(ledger, new MinerProperties("miner-1"), (block, sendWhole) -> {
		}, tx -> {
		}, List.of(metrics), TestChain.CLOCK);
	}

	@Test
	void registersEverySeriesTaggedWithTheMinerBeforeAnythingHappens() {
		assertThat(scrape()).contains(series("blockchain_height", "", 0), series("blockchain_difficulty_bits", "", 4),
				series("blockchain_orphans", "", 0), series("blockchain_mempool_size", "", 0),
				series("blockchain_mempool_bytes", "", 0), series("blockchain_hashrate", "", 0),
				series("blockchain_hashes_total", "", 0), series("blockchain_blocks_mined_total", "", 0),
				series("blockchain_hashrate_cap", "", 0), series("blockchain_blocks_stale", "", 0),
				series("blockchain_blocks_stale_mined", "", 0), series("blockchain_blocks_active_mined", "", 0),
				series("blockchain_forks_total", "", 0),
				series("blockchain_blocks_received_total", "reason=\"none\",result=\"accepted\"", 0),
				series("blockchain_blocks_received_total", "reason=\"none\",result=\"orphan\"", 0),
				series("blockchain_blocks_received_total", "reason=\"none\",result=\"duplicate\"", 0),
				series("blockchain_reorgs_total", "", 0),
				series("blockchain_transactions_generated_total", "result=\"added\"", 0),
				series("blockchain_transactions_received_total", "result=\"added\"", 0),
				"blockchain_messages_rejected_total{kind=\"transaction\",miner=\"miner-1\"} 0.0",
				"blockchain_reorg_depth_count{miner=\"miner-1\"} 0",
				"blockchain_block_propagation_delay_seconds_count{miner=\"miner-1\"} 0",
				"blockchain_transaction_confirmation_latency_seconds_count{miner=\"miner-1\"} 0");
		assertThat(scrape().lines().filter(line -> line.startsWith("blockchain_")))
			.allMatch(line -> line.contains("miner=\"miner-1\""));
	}

	@Test
	void readsHeightMempoolAndMiningWhenScraped() {
		given(mining.hashRate()).willReturn(4_900_000.0);
		given(mining.hashes()).willReturn(123_456_789L);
		blocks.blocks(blocks.genesis(), "miner-2", 3).forEach(block -> node.receiveBlock(block, "miner-2"));
		Transaction pending = blocks.transaction();
		node.receiveTransaction(pending, "miner-2");
		assertThat(scrape()).contains(series("blockchain_height", "", 3), series("blockchain_mempool_size", "", 1),
				series("blockchain_mempool_bytes", "", pending.size()),
				series("blockchain_hashrate", "", 4_900_000.0),
				series("blockchain_hashes_total", "", 123_456_789.0));
	}

	@Test
	void readsNoHashRateWhenThereIsNoMiningCoordinator() {
		PrometheusMeterRegistry alone = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		new BlockchainMetrics(ledger, new StaticListableBeanFactory().getBeanProvider(MiningCoordinator.class),
				new MinerProperties("miner-1"))
			.bindTo(alone);
		assertThat(alone.scrape()).contains("blockchain_hashrate 0.0", "blockchain_hashes_total 0.0");
	}

	@Test
	void countsReceivedBlocksByResultWithSideChainsAsAccepted() {
		//   genesis ── a ── b        b arrives first: orphan, then connects when a arrives
		//            └── side        no more work than a: side chain, still accepted
		Block a = blocks.block(blocks.genesis(), "miner-2");
		Block b = blocks.block(a, "miner-2");
		Block side = blocks.block(blocks.genesis(), "miner-3");
		node.receiveBlock(b, "miner-2");
		assertThat(scrape()).contains(series("blockchain_orphans", "", 1));
		node.receiveBlock(a, "miner-2");
		node.receiveBlock(side, "miner-3");
		node.receiveBlock(a, "miner-2");
		assertThat(scrape()).contains(series("blockchain_blocks_received_total", "reason=\"none\",result=\"orphan\"", 1),
				series("blockchain_blocks_received_total", "reason=\"none\",result=\"accepted\"", 2),
				series("blockchain_blocks_received_total", "reason=\"none\",result=\"duplicate\"", 1),
				series("blockchain_orphans", "", 0), series("blockchain_height", "", 2));
	}

	@Test
	void countsRejectedBlocksByViolationReason() {
		Block forged = TestChain.withFailingNonce(blocks.block(blocks.genesis(), "miner-3"));
		node.receiveBlock(forged, "miner-3");
		assertThat(scrape())
			.contains(series("blockchain_blocks_received_total", "reason=\"PROOF_OF_WORK\",result=\"rejected\"", 1))
			.contains("blockchain_block_propagation_delay_seconds_count{miner=\"miner-1\"} 0");
	}

	@Test
	void countsAnUndecodableBlockMessageAsARejectedBlockAndARejectedMessage() {
		node.rejectMessage(MessageKind.BLOCK, "miner-3", "not JSON");
		node.rejectMessage(MessageKind.TRANSACTION, "miner-3", "not JSON");
		assertThat(scrape()).contains(
				series("blockchain_blocks_received_total", "reason=\"MALFORMED_MESSAGE\",result=\"rejected\"", 1),
				"blockchain_messages_rejected_total{kind=\"block\",miner=\"miner-1\"} 1.0",
				"blockchain_messages_rejected_total{kind=\"transaction\",miner=\"miner-1\"} 1.0");
	}

	@Test
	void countsAReorganisationAndItsDepth() {
		//   genesis ── m1 ── m2            active first
		//            └── s1 ── s2 ── s3    more work: the chain reorganises, depth 2
		List<Block> main = blocks.blocks(blocks.genesis(), "miner-2", 2);
		List<Block> side = blocks.blocks(blocks.genesis(), "miner-3", 3);
		main.forEach(block -> node.receiveBlock(block, "miner-2"));
		side.forEach(block -> node.receiveBlock(block, "miner-3"));
		assertThat(scrape()).contains(series("blockchain_reorgs_total", "", 1),
				"blockchain_reorg_depth_count{miner=\"miner-1\"} 1", "blockchain_reorg_depth_sum{miner=\"miner-1\"} 2.0",
				"blockchain_reorg_depth_bucket{miner=\"miner-1\",le=\"1.0\"} 0",
				"blockchain_reorg_depth_bucket{miner=\"miner-1\",le=\"2.0\"} 1", series("blockchain_height", "", 3));
	}

	@Test
	void gaugesStaleBlocksForksAndThisMinersBlocksOnTheActiveChain() {
		//   genesis ── m1 ── m2            mined here, active first
		//            └── s1 ── s2 ── s3    miner-2's, more work: m1 and m2 go stale
		List<Block> mined = blocks.blocks(blocks.genesis(), "miner-1", 2);
		List<Block> side = blocks.blocks(blocks.genesis(), "miner-2", 3);
		mined.forEach(node::submit);
		assertThat(scrape()).contains(series("blockchain_blocks_active_mined", "", 2),
				series("blockchain_blocks_stale", "", 0), series("blockchain_forks_total", "", 0));
		side.forEach(block -> node.receiveBlock(block, "miner-2"));
		assertThat(scrape()).contains(series("blockchain_blocks_stale", "", 2),
				series("blockchain_blocks_stale_mined", "", 2), series("blockchain_blocks_active_mined", "", 0),
				series("blockchain_forks_total", "", 1), series("blockchain_height", "", 3));
	}

	@Test
	void gaugesTheHashRateCap() {
		given(mining.maxHashRate()).willReturn(200_000L);
		assertThat(scrape()).contains(series("blockchain_hashrate_cap", "", 200_000));
	}

	@Test
	void countsMinedBlocks() {
		Block mined = blocks.block(blocks.genesis(), "miner-1");
		assertThat(node.submit(mined)).isTrue();
		assertThat(scrape()).contains(series("blockchain_blocks_mined_total", "", 1),
				series("blockchain_blocks_received_total", "reason=\"none\",result=\"accepted\"", 0));
	}

	@Test
	void countsGeneratedAndReceivedTransactionsByAdmission() {
		Transaction made = blocks.transaction();
		node.createTransaction(made);
		node.receiveTransaction(made, "miner-2");
		node.receiveTransaction(blocks.transaction(), "miner-2");
		node.receiveTransaction(Transaction.coinbase("miner-2", 1, 0, 0, 50), "miner-2");
		assertThat(scrape()).contains(series("blockchain_transactions_generated_total", "result=\"added\"", 1),
				series("blockchain_transactions_received_total", "result=\"added\"", 1),
				series("blockchain_transactions_received_total", "result=\"duplicate\"", 1),
				series("blockchain_transactions_received_total", "result=\"coinbase\"", 1));
	}

	@Test
	void timesPropagationAndConfirmationAsHistograms() {
		// the test clock stands a day after genesis: each block arrives about a day after its
		// timestamp, and each transaction is confirmed about a day after it was made
		blocks.blocks(blocks.genesis(), "miner-2", 2).forEach(block -> node.receiveBlock(block, "miner-2"));
		String scrape = scrape();
		assertThat(scrape).contains("blockchain_block_propagation_delay_seconds_count{miner=\"miner-1\"} 2",
				"blockchain_transaction_confirmation_latency_seconds_count{miner=\"miner-1\"} 2",
				"blockchain_block_propagation_delay_seconds_bucket{miner=\"miner-1\",le=\"+Inf\"} 2",
				"blockchain_transaction_confirmation_latency_seconds_bucket{miner=\"miner-1\",le=\"+Inf\"} 2");
		assertThat(scrape.lines().filter(line -> line.startsWith("blockchain_block_propagation_delay_seconds_bucket")))
			.hasSizeGreaterThan(10);
	}

	@Test
	void timesAPropagationDelayInSeconds() {
		Block block = blocks.block(blocks.genesis(), "miner-2");
		metrics.blockReceived("miner-2", ledger.chain().add(block), java.util.Optional.of(Duration.ofMillis(1500)));
		assertThat(scrape()).contains("blockchain_block_propagation_delay_seconds_sum{miner=\"miner-1\"} 1.5");
	}

	@Test
	void dropsEventsHeardBeforeItIsBound() {
		BlockchainMetrics unbound = new BlockchainMetrics(ledger,
				new StaticListableBeanFactory().getBeanProvider(MiningCoordinator.class), new MinerProperties("miner-1"));
		unbound.messageRejected(MessageKind.BLOCK, "early");
		unbound.transactionReceived("miner-2", Admission.ADDED);
		PrometheusMeterRegistry later = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		unbound.bindTo(later);
		assertThat(later.scrape()).contains("blockchain_messages_rejected_total{kind=\"block\"} 0.0");
	}

	@Test
	void countsADoubleSpendDroppedByAReorganisationAlongWithTheReorganisation() {
		//   genesis ── a1(A spends X)          active first
		//            └── b1(B spends X) ── b2  more work: B wins, A is dropped
		TestChain ruleOn = new TestChain(TestChain.PARAMETERS.withDoubleSpendRule(true));
		Ledger coinLedger = new Ledger(ruleOn.newBlockchain(), new Mempool(1000, 1_000_000));
		PrometheusMeterRegistry coins = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		BlockchainMetrics coinMetrics = new BlockchainMetrics(coinLedger,
				new StaticListableBeanFactory().getBeanProvider(MiningCoordinator.class), new MinerProperties("miner-1"));
		coinMetrics.bindTo(coins);
		ChainService coinNode = new ChainService(coinLedger, new MinerProperties("miner-1"), (block, sendWhole) -> {
		}, tx -> {
		}, List.of(coinMetrics), TestChain.CLOCK);
		assertThat(coins.scrape()).contains("blockchain_transactions_double_spends_dropped_total 0.0");

		Block a1 = ruleOn.block(ruleOn.genesis(), "miner-2", ruleOn.spend("X"));
		Block b1 = ruleOn.block(ruleOn.genesis(), "miner-3", ruleOn.spend("X"));
		for (Block block : List.of(a1, b1, ruleOn.block(b1, "miner-3"))) {
			coinNode.receiveBlock(block, "miner-3");
		}

		assertThat(coins.scrape()).contains("blockchain_transactions_double_spends_dropped_total 1.0",
				"blockchain_reorgs_total 1.0");
	}

	private String scrape() {
		return registry.scrape();
	}

	/** One sample line: the name, the miner tag among the others in Prometheus' order, the value. */
	private static String series(String name, String otherLabels, double value) {
		String labels = otherLabels.isEmpty() ? "miner=\"miner-1\"" : withMiner(otherLabels);
		return name + "{" + labels + "} " + value;
	}

	private static String withMiner(String otherLabels) {
		// labels are sorted by name: "kind" < "miner" < "reason" < "result"
		return otherLabels.startsWith("kind") ? otherLabels + ",miner=\"miner-1\"" : "miner=\"miner-1\"," + otherLabels;
	}

}
