package dev.minerfleet.node;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.ChainListener;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.Transaction;

/**
 * The latest reorganisations of this miner's active chain, with the blocks each took off and put on and the
 * transactions it gave back to the mempool: those of the blocks taken off that the new branch does not confirm
 * (the mempool keeps them unless a spend of their coin is now confirmed, see {@link Ledger}). Bounded to
 * {@link #CAPACITY} reorganisations; thread-safe; the chain calls it under its own lock.
 *
 * <pre>
 * genesis ── a1 ── a2          a1, a2 taken off (t1 in a2 only: returned)
 *       └── b1 ── b2 ── b3     b1..b3 put on, fork point genesis, depth 2
 * </pre>
 */
public final class ReorgLog implements ChainListener {

	public static final int CAPACITY = 64;

	private final Blockchain chain;

	private final InstantSource clock;

	private final Deque<Reorg> reorgs = new ArrayDeque<>();

	/**
	 * One switch of the active chain to another branch.
	 *
	 * @param at milliseconds since the epoch, by this miner's clock
	 * @param forkPoint the last block both branches share
	 * @param disconnected blocks taken off the active chain, oldest first
	 * @param connected blocks put on, oldest first
	 * @param returned ids of the transactions of {@code disconnected} that {@code connected} does not hold, coinbases
	 * left out: back in the mempool
	 */
	public record Reorg(long at, StoredBlock forkPoint, List<StoredBlock> disconnected, List<StoredBlock> connected,
			Set<Hash> returned) {

		public Reorg {
			disconnected = List.copyOf(disconnected);
			connected = List.copyOf(connected);
			returned = Collections.unmodifiableSet(new LinkedHashSet<>(returned));
		}

		public int depth() {
			return disconnected.size();
		}

		public StoredBlock oldTip() {
			return disconnected.get(disconnected.size() - 1);
		}

		public StoredBlock newTip() {
			return connected.get(connected.size() - 1);
		}

		/** The block taken off that held {@code transactionId}, if one did. */
		public java.util.Optional<StoredBlock> disconnectedBlockOf(Hash transactionId) {
			return disconnected.stream()
				.filter(block -> block.block().transactions().stream().anyMatch(tx -> tx.id().equals(transactionId)))
				.findFirst();
		}

	}

	private ReorgLog(Blockchain chain, InstantSource clock) {
		this.chain = chain;
		this.clock = clock;
	}

	/** Records the reorganisations of {@code chain} from now on. */
	public static ReorgLog following(Blockchain chain, InstantSource clock) {
		ReorgLog log = new ReorgLog(chain, clock);
		chain.addListener(log);
		return log;
	}

	@Override
	public void reorganized(ChainReorganized event) {
		List<StoredBlock> disconnected = branchDownTo(event.oldTip(), event.forkPoint());
		List<StoredBlock> connected = branchDownTo(event.newTip(), event.forkPoint());
		Set<Hash> confirmedAgain = new HashSet<>();
		connected.forEach(block -> block.block().transactions().forEach(tx -> confirmedAgain.add(tx.id())));
		Set<Hash> returned = new LinkedHashSet<>();
		for (StoredBlock block : disconnected) {
			for (Transaction tx : block.block().transactions()) {
				if (!tx.isCoinbase() && !confirmedAgain.contains(tx.id())) {
					returned.add(tx.id());
				}
			}
		}
		Reorg reorg = new Reorg(clock.millis(), event.forkPoint(), disconnected, connected, returned);
		synchronized (this) {
			reorgs.addFirst(reorg);
			if (reorgs.size() > CAPACITY) {
				reorgs.removeLast();
			}
		}
	}

	/** The blocks from {@code tip} down to, not including, {@code forkPoint}, oldest first. */
	private List<StoredBlock> branchDownTo(StoredBlock tip, StoredBlock forkPoint) {
		List<StoredBlock> blocks = new ArrayList<>();
		StoredBlock cursor = tip;
		while (cursor.height() > forkPoint.height()) {
			blocks.add(cursor);
			cursor = chain.find(cursor.previousHash()).orElseThrow();
		}
		Collections.reverse(blocks);
		return blocks;
	}

	/** The latest {@code limit} reorganisations, newest first. */
	public synchronized List<Reorg> latest(int limit) {
		return reorgs.stream().limit(limit).toList();
	}

	/** The recorded reorganisations that gave {@code transactionId} back to the mempool, newest first. */
	public synchronized List<Reorg> returning(Hash transactionId) {
		return reorgs.stream().filter(reorg -> reorg.returned().contains(transactionId)).toList();
	}

}
