package dev.minerfleet.node;

import java.math.BigInteger;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.CompactBlock;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.PartialBlock;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.Target;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.node.NodeObserver.MessageKind;

/**
 * The receiving and answering side of compact block relay (BIP 152, docs/protocol.md "Compact block relay"). A
 * compact block whose header carries its proof of work and whose parent this miner holds is rebuilt from the mempool
 * (and the transactions the active chain confirmed since it forked from the block's branch, which a block of that
 * branch may share); a complete
 * one that matches its merkle root goes to the chain as a received block would. One whose parent is unknown is not
 * rebuilt: catch-up sync fetches it whole with the blocks before it. Otherwise this miner asks the sender for the
 * missing transactions, or, when the rebuilt block does not match its merkle root (a short id collision, or a lie),
 * for every transaction: the full-block fallback. A block still waiting
 * after {@code relay.request-timeout} is dropped; catch-up sync brings it when a later block or tip names it. Answers
 * other miners' requests from this miner's block tree, within {@code relay.max-replies-per-second}. Thread-safe: called
 * on the MQTT client's and the network's threads; blocks are submitted outside this object's lock.
 */
public class CompactBlockRelay {

	private static final Logger log = LoggerFactory.getLogger(CompactBlockRelay.class);

	private static final Duration SECOND = Duration.ofSeconds(1);

	/**
	 * The most blocks looked at, walking the block's branch down to the active chain and the active chain down to
	 * that fork point, for transactions confirmed on this branch only.
	 */
	static final int MAX_FORK_DEPTH = 1_000;

	private final ChainService chain;

	private final SyncService sync;

	private final BlockTransactionExchange exchange;

	private final RelayProperties properties;

	private final InstantSource clock;

	private final RelayStatistics statistics;

	/** Guarded by this, as is {@link #replies}. */
	private final Map<Hash, Pending> pending = new LinkedHashMap<>();

	private final RateLimit replies;

	CompactBlockRelay(ChainService chain, SyncService sync, BlockTransactionExchange exchange,
			RelayProperties properties, InstantSource clock) {
		this.chain = chain;
		this.sync = sync;
		this.exchange = exchange;
		this.properties = properties;
		this.clock = clock;
		this.replies = new RateLimit(properties.maxRepliesPerSecond(), SECOND, clock);
		this.statistics = chain.statistics().relay();
	}

	// ---- receiving

	/**
	 * A block {@code from} sent in compact form.
	 * @param claimedWork the total work {@code from} claims for the block's branch, empty if it does not say
	 */
	public void receive(String from, CompactBlock compact, Optional<BigInteger> claimedWork) {
		statistics.received.increment();
		Hash hash = compact.hash();
		if (chain.findBlock(hash).isPresent()) {
			log.debug("Duplicate compact block {} from {}", hash.abbreviated(), from);
			return;
		}
		Optional<String> unworked = withoutProofOfWork(compact.header(), hash);
		if (unworked.isPresent()) {
			chain.rejectMessage(MessageKind.BLOCK, from, "compact block " + hash.abbreviated() + ": " + unworked.get());
			return;
		}
		Hash parent = compact.header().previousHash();
		if (chain.findBlock(parent).isEmpty()) {
			// rebuilt, it could only wait as an orphan: catch-up sync fetches it whole with the blocks before it. In a
			// wide fork most compact blocks are such, and rebuilding hashes every transaction of the mempool
			if (!sync.worthCatchingUp(claimedWork)) {
				log.debug("Compact block {} from {}: parent {} unknown, and it claims no more work than this miner's"
						+ " chain", hash.abbreviated(), from, parent.abbreviated());
				statistics.lighterBranch.increment();
				return;
			}
			log.debug("Compact block {} from {}: parent {} unknown, syncing", hash.abbreviated(), from,
					parent.abbreviated());
			statistics.leftToSync.increment();
			sync.afterBlockReceived(from, new AddResult.Orphaned(hash, parent));
			return;
		}
		PartialBlock partial = PartialBlock.rebuild(compact, chain.mempool().transactions());
		List<Integer> missing = partial.missing();
		if (!missing.isEmpty()) {
			partial.offer(confirmedOnlyHere(parent));
			missing = partial.missing();
		}
		if (missing.isEmpty()) {
			Optional<Block> block = partial.block();
			if (block.isPresent()) {
				statistics.rebuiltFromMempool.increment();
				deliver(from, block.get());
			}
			else {
				askForAll(from, partial);
			}
			return;
		}
		log.debug("Compact block {} from {}: asking for {} of {} transactions", hash.abbreviated(), from,
				missing.size(), compact.transactionCount());
		statistics.transactionsRequested.add(missing.size());
		ask(from, partial, missing, false);
	}

	/**
	 * Why a header does not even carry proof of work, checked before asking anyone for anything: its hash must meet
	 * the target it names, which must not be easier than the chain's limit.
	 */
	private Optional<String> withoutProofOfWork(BlockHeader header, Hash hash) {
		Target target;
		try {
			target = header.target();
		}
		catch (IllegalArgumentException ex) {
			return Optional.of("bits are no target: " + ex.getMessage());
		}
		if (target.value().compareTo(chain.parameters().easiestTarget().value()) > 0) {
			return Optional.of("bits " + target.compactHex() + " easier than the chain's limit");
		}
		if (!target.isMetBy(hash)) {
			return Optional.of("hash does not meet its bits " + target.compactHex());
		}
		return Optional.empty();
	}

	/**
	 * The transactions of the active chain above its fork point with the branch ending at {@code parent}: a block on
	 * that branch may hold them, since they are pending there, while they left this miner's mempool when this branch
	 * confirmed them. Looked at only when the mempool lacks some of a block's transactions. After a wide fork these are
	 * most of a rival block's (docs/benchmarks.md, "Fork storm"); no other confirmed transaction can be in the block,
	 * as its branch confirmed those below the fork point too. Empty when {@code parent} is this miner's tip; at most
	 * {@value #MAX_FORK_DEPTH} blocks each way are looked at.
	 */
	private List<Transaction> confirmedOnlyHere(Hash parent) {
		ChainSnapshot snapshot = chain.snapshot();
		Optional<StoredBlock> cursor = chain.findBlock(parent);
		for (int steps = 0; cursor.isPresent() && !snapshot.contains(cursor.get()); steps++) {
			if (steps == MAX_FORK_DEPTH) {
				return List.of();
			}
			cursor = chain.findBlock(cursor.get().previousHash());
		}
		if (cursor.isEmpty()) {
			return List.of();
		}
		List<Transaction> candidates = new ArrayList<>();
		int forkHeight = Math.max(cursor.get().height(), snapshot.height() - MAX_FORK_DEPTH);
		for (int height = snapshot.height(); height > forkHeight; height--) {
			snapshot.at(height).ifPresent(block -> candidates.addAll(block.block().transactions()));
		}
		return candidates;
	}

	private void askForAll(String from, PartialBlock partial) {
		statistics.fullBlockFallbacks.increment();
		log.info("Compact block {} from {} does not match its merkle root when rebuilt: asking for all {} transactions",
				partial.hash().abbreviated(), from, partial.compact().transactionCount());
		List<Integer> all = partial.notPrefilled();
		statistics.transactionsRequested.add(all.size());
		ask(from, partial, all, true);
	}

	private void ask(String from, PartialBlock partial, List<Integer> indexes, boolean all) {
		long now = clock.millis();
		synchronized (this) {
			pending.values().removeIf(waiting -> waiting.expired(now));
			while (pending.size() >= properties.maxPendingBlocks()) {
				Hash oldest = pending.keySet().iterator().next();
				log.debug("Dropped compact block {}: too many blocks wait for transactions", oldest.abbreviated());
				pending.remove(oldest);
			}
			pending.put(partial.hash(), new Pending(from, partial, all, now + properties.requestTimeout().toMillis()));
		}
		if (!exchange.requestTransactions(from, partial.hash(), indexes)) {
			synchronized (this) {
				pending.remove(partial.hash());
			}
		}
	}

	/** The transactions {@code from} sent for block {@code blockHash}; dropped unless this miner asked it for them. */
	public void transactionsReceived(String from, Hash blockHash, List<Integer> indexes,
			List<Transaction> transactions) {
		Pending waiting;
		synchronized (this) {
			waiting = pending.get(blockHash);
			if (waiting == null || !waiting.from().equals(from) || waiting.expired(clock.millis())) {
				log.debug("Dropped transactions of block {} from {}: not asked for", blockHash.abbreviated(), from);
				return;
			}
			pending.remove(blockHash);
		}
		PartialBlock partial = waiting.partial();
		if (!partial.fill(indexes, transactions)) {
			chain.rejectMessage(MessageKind.SYNC, from, "transactions of block " + blockHash.abbreviated()
					+ " at positions the block does not have or sent whole");
			return;
		}
		if (!partial.isComplete()) {
			chain.rejectMessage(MessageKind.SYNC, from, "transactions of block " + blockHash.abbreviated()
					+ " leave " + partial.missing().size() + " of those asked for out");
			return;
		}
		Optional<Block> block = partial.block();
		if (block.isPresent()) {
			deliver(from, block.get());
		}
		else if (!waiting.all()) {
			askForAll(from, partial);
		}
		else {
			// every transaction came from the sender and still the merkle root differs: validation says so
			deliver(from, partial.assembled());
		}
	}

	private void deliver(String from, Block block) {
		AddResult result = chain.receiveBlock(block, from);
		sync.afterBlockReceived(from, result);
	}

	// ---- answering

	/** {@code requester} asks for the transactions at {@code indexes} of block {@code blockHash}. */
	public void answer(String requester, Hash blockHash, List<Integer> indexes) {
		synchronized (this) {
			if (!replies.tryAcquire()) {
				log.debug("Not answering {} for block {}: relay.max-replies-per-second reached", requester,
						blockHash.abbreviated());
				return;
			}
		}
		Optional<StoredBlock> stored = chain.findBlock(blockHash);
		if (stored.isEmpty()) {
			log.debug("Not answering {}: no block {} here", requester, blockHash.abbreviated());
			return;
		}
		List<Transaction> all = stored.get().block().transactions();
		List<Transaction> wanted = new ArrayList<>(indexes.size());
		for (int index : indexes) {
			if (index >= all.size()) {
				chain.rejectMessage(MessageKind.SYNC, requester, "asks for transaction " + index + " of block "
						+ blockHash.abbreviated() + ", which holds " + all.size());
				return;
			}
			wanted.add(all.get(index));
		}
		if (exchange.sendTransactions(requester, blockHash, indexes, wanted)) {
			statistics.transactionsSent.add(wanted.size());
		}
	}

	private record Pending(String from, PartialBlock partial, boolean all, long deadline) {

		boolean expired(long now) {
			return now > deadline;
		}

	}

}
