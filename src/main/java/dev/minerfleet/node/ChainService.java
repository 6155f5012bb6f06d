package dev.minerfleet.node;

import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.stereotype.Service;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.AddResult.Duplicate;
import dev.minerfleet.chain.AddResult.Extended;
import dev.minerfleet.chain.AddResult.Orphaned;
import dev.minerfleet.chain.AddResult.Rejected;
import dev.minerfleet.chain.AddResult.Reorganized;
import dev.minerfleet.chain.AddResult.SideChain;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.ChainListener;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.HeaderCodec;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool;
import dev.minerfleet.mempool.Mempool.Admission;
import dev.minerfleet.mining.BlockTemplate;
import dev.minerfleet.mining.MiningPort;
import dev.minerfleet.node.NodeObserver.MessageKind;

/**
 * The single writer of this miner's chain and mempool: mined blocks, received blocks, generated
 * and received transactions all pass through here, under the ledger's lock, and are validated the
 * same way whatever their source. Readers use {@link #snapshot()}, which never blocks.
 */
@Service
public class ChainService implements MiningPort {

	private static final Logger log = LoggerFactory.getLogger(ChainService.class);

	/** Room kept in a block for the coinbase when choosing transactions. */
	private static final int COINBASE_ALLOWANCE = 512;

	private final Ledger ledger;

	private final String minerId;

	private final BlockBroadcaster blockBroadcaster;

	private final TransactionBroadcaster transactionBroadcaster;

	private final List<NodeObserver> observers;

	private final InstantSource clock;

	private final NodeStatistics statistics = new NodeStatistics();

	private final List<Runnable> tipListeners = new CopyOnWriteArrayList<>();

	public ChainService(Ledger ledger, MinerProperties miner, BlockBroadcaster blockBroadcaster,
			TransactionBroadcaster transactionBroadcaster, List<NodeObserver> observers, InstantSource clock) {
		this.ledger = ledger;
		this.minerId = miner.id();
		this.blockBroadcaster = blockBroadcaster;
		this.transactionBroadcaster = transactionBroadcaster;
		this.observers = List.copyOf(observers);
		this.clock = clock;
		ledger.chain().addListener(new ChainListener() {
			@Override
			public void tipChanged(TipChanged event) {
				tipListeners.forEach(Runnable::run);
			}
		});
	}

	public String minerId() {
		return minerId;
	}

	public ChainParameters parameters() {
		return ledger.chain().parameters();
	}

	public ChainSnapshot snapshot() {
		return ledger.chain().snapshot();
	}

	public Blockchain chain() {
		return ledger.chain();
	}

	public Mempool mempool() {
		return ledger.mempool();
	}

	public NodeStatistics statistics() {
		return statistics;
	}

	public ForkStatistics forks() {
		return ledger.forks();
	}

	public Optional<StoredBlock> findBlock(Hash hash) {
		return ledger.chain().find(hash);
	}

	public TransactionStatus transactionStatus(Hash id) {
		ChainSnapshot view = snapshot();
		Optional<StoredBlock> confirming = ledger.chain().confirmingBlock(id, view);
		if (confirming.isPresent()) {
			StoredBlock block = confirming.get();
			Transaction tx = block.block()
				.transactions()
				.stream()
				.filter(candidate -> candidate.id().equals(id))
				.findFirst()
				.orElseThrow();
			return new TransactionStatus.Confirmed(tx, block.hash(), block.height(), view.confirmations(block));
		}
		Optional<TransactionStatus> pending = ledger.mempool().find(id).map(TransactionStatus.Pending::new);
		if (pending.isPresent()) {
			return pending.get();
		}
		Optional<Transaction> dropped = ledger.mempool().findDropped(id);
		if (dropped.isPresent() && dropped.get().coin().isPresent()) {
			String coin = dropped.get().coin().get();
			Optional<Transaction> winner = ledger.chain().spendOf(coin, view);
			if (winner.isPresent()) {
				return new TransactionStatus.Dropped(dropped.get(), coin, winner.get());
			}
		}
		return new TransactionStatus.Unknown(id);
	}

	/** The transaction of the active chain that spends {@code coin}, if one does. */
	public Optional<Transaction> spendOf(String coin) {
		return ledger.chain().spendOf(coin, snapshot());
	}

	// ---- transactions

	/** A transaction made on this miner (genTRX or REST): pooled, and broadcast when new. */
	public Admission createTransaction(Transaction tx) {
		Admission admission = ledger.submitTransaction(tx);
		statistics.transactionsCreated.increment();
		if (admission.isAdded()) {
			log.debug("Created transaction {} ({} -> {}, {})", tx.id().abbreviated(), tx.sender(), tx.receiver(),
					tx.amount());
			transactionBroadcaster.broadcast(tx);
		}
		observers.forEach(observer -> observer.transactionCreated(tx, admission));
		return admission;
	}

	/** A transaction from another miner. */
	public Admission receiveTransaction(Transaction tx, String from) {
		Admission admission = ledger.submitTransaction(tx);
		statistics.transactionsReceived.increment();
		log.debug("Received transaction {} from {}: {}", tx.id().abbreviated(), from, admission);
		observers.forEach(observer -> observer.transactionReceived(from, admission));
		return admission;
	}

	/**
	 * The transactions of one message from another miner, in their order: as {@link #receiveTransaction} each, under
	 * one lock of the ledger.
	 */
	public List<Admission> receiveTransactions(List<Transaction> transactions, String from) {
		List<Admission> admissions = ledger.submitTransactions(transactions);
		for (int i = 0; i < transactions.size(); i++) {
			Admission admission = admissions.get(i);
			statistics.transactionsReceived.increment();
			if (log.isDebugEnabled()) {
				log.debug("Received transaction {} from {}: {}", transactions.get(i).id().abbreviated(), from,
						admission);
			}
			observers.forEach(observer -> observer.transactionReceived(from, admission));
		}
		return admissions;
	}

	// ---- blocks

	/** A block from another miner: full validation and fork choice. */
	public AddResult receiveBlock(Block block, String from) {
		return receive(block, from, Level.INFO, true);
	}

	/**
	 * A block another miner sent in reply to a sync request: the same validation, fork choice, statistics and
	 * observers as {@link #receiveBlock}, but its acceptance is logged at DEBUG, as {@link SyncService} logs one line
	 * per batch. Rejections and reorganisations are logged as always.
	 */
	AddResult receiveSyncedBlock(Block block, String from) {
		return receive(block, from, Level.DEBUG, false);
	}

	/**
	 * @param live whether the block came as it was found (NEWBLOCK), so its age is a propagation
	 * delay and its transactions' ages are confirmation latencies; a synced block is history
	 */
	private AddResult receive(Block block, String from, Level acceptance, boolean live) {
		long receivedAt = clock.millis();
		AddResult result = ledger.submitBlock(block);
		statistics.blocksReceived.increment();
		Optional<Duration> delay = live
				? Optional.of(Duration.ofMillis(Math.max(0, receivedAt - block.header().timestamp())))
				: Optional.empty();
		logReceived(result, from, acceptance);
		afterBlock(result, live);
		observers.forEach(observer -> observer.blockReceived(from, result, delay));
		return result;
	}

	private void logReceived(AddResult result, String from, Level acceptance) {
		if (result instanceof Extended extended) {
			statistics.blocksAccepted.increment();
			StoredBlock tip = extended.newTip();
			log.atLevel(acceptance).log("Accepted block #{} {} from {}", tip.height(), tip.hash().abbreviated(), from);
		}
		else if (result instanceof Reorganized) {
			statistics.blocksAccepted.increment();
		}
		else if (result instanceof SideChain side) {
			statistics.blocksAccepted.increment();
			log.atLevel(acceptance)
				.log("Stored side block #{} {} from {}", side.block().height(), side.block().hash().abbreviated(),
						from);
		}
		else if (result instanceof Orphaned orphan) {
			log.atLevel(acceptance)
				.log("Parked orphan block {} from {}: parent {} unknown", orphan.hash().abbreviated(), from,
						orphan.missingParent().abbreviated());
		}
		else if (result instanceof Duplicate duplicate) {
			log.debug("Duplicate block {} from {}", duplicate.hash().abbreviated(), from);
		}
		else if (result instanceof Rejected rejected) {
			statistics.blocksRejected.increment();
			log.warn("Rejected block {} from {}: {} ({})", rejected.hash().abbreviated(), from,
					rejected.violation().reason(), rejected.violation().detail());
		}
	}

	@Override
	public boolean submit(Block block) {
		Set<Hash> sendWhole = ledger.mempool().takenFromBlocks(block.transactions());
		AddResult result = ledger.submitBlock(block);
		if (result instanceof Rejected rejected) {
			// a mined block failing validation is a bug in this miner, not an attack: say so loudly
			log.error("Own mined block {} rejected: {}", rejected.hash().abbreviated(), rejected.violation());
			return false;
		}
		if (result instanceof Duplicate) {
			return false;
		}
		statistics.blocksMined.increment();
		afterBlock(result, true);
		StoredBlock stored = ledger.chain().find(block.hash()).orElseThrow();
		observers.forEach(observer -> observer.blockMined(stored));
		statistics.relay().prefilled.add(sendWhole.size());
		blockBroadcaster.broadcast(stored, sendWhole);
		return true;
	}

	private void afterBlock(AddResult result, boolean measureLatency) {
		List<StoredBlock> connected = List.of();
		if (result instanceof Extended extended) {
			connected = extended.connected();
		}
		else if (result instanceof Reorganized reorg) {
			connected = reorg.connected();
			statistics.reorganizations.increment();
			log.info("Reorganized at #{}: -{} +{}, tip #{} {}", reorg.forkPoint().height(), reorg.depth(),
					reorg.connected().size(), reorg.newTip().height(), reorg.newTip().hash().abbreviated());
			observers.forEach(observer -> observer.reorganized(reorg.depth(), reorg.oldTip(), reorg.newTip()));
		}
		if (!measureLatency || connected.isEmpty()) {
			return;
		}
		// a transaction the abandoned branch had confirmed was confirmed then, not now
		Set<Hash> confirmedBefore = new HashSet<>();
		if (result instanceof Reorganized reorg) {
			reorg.disconnected().forEach(block -> block.block().transactions().forEach(tx -> confirmedBefore.add(tx.id())));
		}
		long now = clock.millis();
		for (StoredBlock block : connected) {
			for (Transaction tx : block.block().transactions()) {
				if (!tx.isCoinbase() && !confirmedBefore.contains(tx.id())) {
					Duration latency = Duration.ofMillis(Math.max(0, now - tx.createdAt()));
					statistics.confirmationLatency.record(latency);
					observers.forEach(observer -> observer.transactionConfirmed(tx, latency));
				}
			}
		}
	}

	/** A message from the network that could not even be decoded. */
	public void rejectMessage(MessageKind kind, String from, String reason) {
		statistics.messagesRejected.increment();
		if (kind == MessageKind.BLOCK) {
			statistics.blocksRejected.increment();
		}
		log.warn("Rejected {} message from {}: {}", kind.tag(), from, reason);
		observers.forEach(observer -> observer.messageRejected(kind, reason));
	}

	// ---- mining port

	@Override
	public BlockTemplate template() {
		ChainParameters parameters = parameters();
		Ledger.Candidates candidates = ledger.candidates(parameters.maxBlockTransactions() - 1,
				parameters.maxBlockBytes() - HeaderCodec.LENGTH - COINBASE_ALLOWANCE);
		ChainSnapshot view = candidates.snapshot();
		return BlockTemplate.of(parameters, view.tip().hash(), view.height() + 1L, view.nextTarget(),
				view.medianTimePast(), candidates.transactions(), minerId);
	}

	@Override
	public void onTipChange(Runnable listener) {
		tipListeners.add(listener);
	}

}
