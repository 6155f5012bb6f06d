package dev.minerfleet.metrics;

import java.time.Duration;
import java.util.Optional;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool.Admission;
import dev.minerfleet.mining.MiningCoordinator;
import dev.minerfleet.node.Ledger;
import dev.minerfleet.node.MinerProperties;
import dev.minerfleet.node.NodeObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The miner's meters: gauges read the chain, the mempool and the mining executor when scraped;
 * counters, the reorg depth summary and the two latency histograms hear the node as a
 * {@link NodeObserver}. The {@code miner} tag comes from {@code management.metrics.tags.miner}, not
 * from here. In Prometheus: {@code blockchain_height}, {@code blockchain_hashes_total},
 * {@code blockchain_blocks_received_total{result,reason}} and so on (docs/api.md lists them).
 *
 * <p>
 * Tags stay low-cardinality: a result, a {@code Violation.Reason} name, a message kind; never a
 * hash or a miner id. Events heard before the registry binds this are not counted.
 */
@Component
public class BlockchainMetrics implements NodeObserver, MeterBinder {

	static final String ACCEPTED = "accepted";

	static final String ORPHAN = "orphan";

	static final String DUPLICATE = "duplicate";

	static final String REJECTED = "rejected";

	static final String NO_REASON = "none";

	/** The reason tag of a block message that could not be decoded at all. */
	static final String MALFORMED_MESSAGE = "MALFORMED_MESSAGE";

	private final Ledger ledger;

	private final ObjectProvider<MiningCoordinator> mining;

	private final String minerId;

	private volatile @Nullable Meters meters;

	/**
	 * @param mining looked up when scraped: the coordinator mines through the node, which calls
	 * this observer, so it cannot be a constructor argument here
	 */
	public BlockchainMetrics(Ledger ledger, ObjectProvider<MiningCoordinator> mining, MinerProperties miner) {
		this.ledger = ledger;
		this.mining = mining;
		this.minerId = miner.id();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("blockchain.height", ledger, l -> l.chain().snapshot().height())
			.description("Height of the active chain's tip")
			.register(registry);
		Gauge.builder("blockchain.difficulty.bits", ledger, l -> l.chain().snapshot().nextTarget().difficultyBits())
			.description("log2 of the expected hashes to find the next block")
			.register(registry);
		Gauge.builder("blockchain.orphans", ledger, l -> l.chain().orphanCount())
			.description("Blocks waiting for an unknown parent")
			.register(registry);
		Gauge.builder("blockchain.mempool.size", ledger, l -> l.mempool().size())
			.description("Pending transactions")
			.register(registry);
		Gauge.builder("blockchain.mempool.bytes", ledger, l -> l.mempool().bytes())
			.description("Canonical bytes of the pending transactions")
			.baseUnit("bytes")
			.register(registry);
		Gauge.builder("blockchain.hashrate", this, BlockchainMetrics::hashRate)
			.description("Recent hashes per second over all mining threads")
			.register(registry);
		FunctionCounter.builder("blockchain.transactions.double.spends.dropped", ledger,
				l -> l.mempool().doubleSpendsDropped())
			.description("Transactions dropped because another spend of their coin joined the active chain")
			.register(registry);
		FunctionCounter.builder("blockchain.hashes", this, BlockchainMetrics::hashes)
			.description("Hashes computed since start; rate() of it is the hash rate")
			.register(registry);
		Gauge.builder("blockchain.hashrate.cap", this, BlockchainMetrics::hashRateCap)
			.description("Cap on hashes per second over all mining threads (mining.max-hash-rate); 0 for none")
			.register(registry);
		Gauge.builder("blockchain.blocks.stale", ledger, l -> l.forks().staleBlocks())
			.description("Valid blocks in the tree off the active chain, mined here or received")
			.register(registry);
		Gauge.builder("blockchain.blocks.stale.mined", ledger, l -> l.forks().staleBlocksFoundBy(minerId))
			.description("Blocks this miner found that are off its active chain")
			.register(registry);
		Gauge.builder("blockchain.blocks.active.mined", ledger, l -> l.forks().activeBlocksFoundBy(minerId))
			.description("Blocks this miner found that are on its active chain")
			.register(registry);
		FunctionCounter.builder("blockchain.forks", ledger, l -> l.forks().forksSeen())
			.description("Blocks that joined the tree beside a sibling, each opening a new branch")
			.register(registry);
		meters = new Meters(registry);
	}

	private double hashRate() {
		MiningCoordinator coordinator = mining.getIfAvailable();
		return (coordinator != null) ? coordinator.hashRate() : 0;
	}

	private double hashRateCap() {
		MiningCoordinator coordinator = mining.getIfAvailable();
		return (coordinator != null) ? coordinator.maxHashRate() : 0;
	}

	private double hashes() {
		MiningCoordinator coordinator = mining.getIfAvailable();
		return (coordinator != null) ? coordinator.hashes() : 0;
	}

	@Override
	public void blockMined(StoredBlock block) {
		Meters m = meters;
		if (m != null) {
			m.blocksMined.increment();
		}
	}

	@Override
	public void blockReceived(String from, AddResult result, Optional<Duration> propagationDelay) {
		Meters m = meters;
		if (m == null) {
			return;
		}
		if (result instanceof AddResult.Rejected rejected) {
			m.blockRejected(rejected.violation().reason().name()).increment();
			return;
		}
		m.blocksReceived.get(resultTag(result)).increment();
		if (!(result instanceof AddResult.Duplicate)) {
			// a duplicate's first copy was timed already
			propagationDelay.ifPresent(m.propagationDelay::record);
		}
	}

	/** The {@code result} tag of a received block; Extended, Reorganized and SideChain are accepted. */
	static String resultTag(AddResult result) {
		if (result instanceof AddResult.Orphaned) {
			return ORPHAN;
		}
		if (result instanceof AddResult.Duplicate) {
			return DUPLICATE;
		}
		if (result instanceof AddResult.Rejected) {
			return REJECTED;
		}
		return ACCEPTED;
	}

	@Override
	public void reorganized(int depth, StoredBlock oldTip, StoredBlock newTip) {
		Meters m = meters;
		if (m != null) {
			m.reorgs.increment();
			m.reorgDepth.record(depth);
		}
	}

	@Override
	public void transactionConfirmed(Transaction transaction, Duration latency) {
		Meters m = meters;
		if (m != null) {
			m.confirmationLatency.record(latency);
		}
	}

	@Override
	public void transactionCreated(Transaction transaction, Admission admission) {
		Meters m = meters;
		if (m != null) {
			m.transactionsGenerated.get(admission).increment();
		}
	}

	@Override
	public void transactionReceived(String from, Admission admission) {
		Meters m = meters;
		if (m != null) {
			m.transactionsReceived.get(admission).increment();
		}
	}

	@Override
	public void messageRejected(MessageKind kind, String reason) {
		Meters m = meters;
		if (m == null) {
			return;
		}
		m.messagesRejected.get(kind).increment();
		if (kind == MessageKind.BLOCK) {
			m.blockRejected(MALFORMED_MESSAGE).increment();
		}
	}

	static String tag(Admission admission) {
		return admission.name().toLowerCase(Locale.ROOT);
	}

	/** The meters of one registry, registered up front where the tags are known. */
	private static final class Meters {

		private final MeterRegistry registry;

		final Counter blocksMined;

		final Map<String, Counter> blocksReceived;

		final Counter reorgs;

		final DistributionSummary reorgDepth;

		final Map<Admission, Counter> transactionsGenerated = new EnumMap<>(Admission.class);

		final Map<Admission, Counter> transactionsReceived = new EnumMap<>(Admission.class);

		final Map<MessageKind, Counter> messagesRejected = new EnumMap<>(MessageKind.class);

		final Timer propagationDelay;

		final Timer confirmationLatency;

		Meters(MeterRegistry registry) {
			this.registry = registry;
			blocksMined = Counter.builder("blockchain.blocks.mined")
				.description("Blocks this miner found that joined its chain")
				.register(registry);
			blocksReceived = Map.of(ACCEPTED, blockReceived(ACCEPTED, NO_REASON), ORPHAN,
					blockReceived(ORPHAN, NO_REASON), DUPLICATE, blockReceived(DUPLICATE, NO_REASON));
			reorgs = Counter.builder("blockchain.reorgs")
				.description("Switches of the active chain to another branch")
				.register(registry);
			reorgDepth = DistributionSummary.builder("blockchain.reorg.depth")
				.description("Blocks a reorganisation took off the active chain")
				.serviceLevelObjectives(1, 2, 3, 4, 6, 10)
				.register(registry);
			for (Admission admission : Admission.values()) {
				transactionsGenerated.put(admission, Counter.builder("blockchain.transactions.generated")
					.description("Transactions made on this miner (genTRX and POST /transactions)")
					.tag("result", tag(admission))
					.register(registry));
				transactionsReceived.put(admission, Counter.builder("blockchain.transactions.received")
					.description("Transactions from other miners, by what the mempool made of them")
					.tag("result", tag(admission))
					.register(registry));
			}
			for (MessageKind kind : MessageKind.values()) {
				messagesRejected.put(kind, Counter.builder("blockchain.messages.rejected")
					.description("Messages from the network that could not be decoded")
					.tag("kind", kind.tag())
					.register(registry));
			}
			propagationDelay = Timer.builder("blockchain.block.propagation.delay")
				.description("Arrival of a block from another miner minus its timestamp")
				.publishPercentileHistogram()
				.minimumExpectedValue(Duration.ofMillis(1))
				.maximumExpectedValue(Duration.ofMinutes(1))
				.register(registry);
			confirmationLatency = Timer.builder("blockchain.transaction.confirmation.latency")
				.description("From a transaction's creation to its block joining the active chain")
				.publishPercentileHistogram()
				.minimumExpectedValue(Duration.ofMillis(10))
				.maximumExpectedValue(Duration.ofMinutes(10))
				.register(registry);
		}

		private Counter blockReceived(String result, String reason) {
			return Counter.builder("blockchain.blocks.received")
				.description("Blocks from other miners, by what became of them")
				.tag("result", result)
				.tag("reason", reason)
				.register(registry);
		}

		/** Registered on first use: there are a dozen reasons, most never seen. */
		Counter blockRejected(String reason) {
			return blockReceived(REJECTED, reason);
		}

	}

}
