package dev.minerfleet.chain;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.minerfleet.chain.AddResult.Duplicate;
import dev.minerfleet.chain.AddResult.Extended;
import dev.minerfleet.chain.AddResult.Orphaned;
import dev.minerfleet.chain.AddResult.Rejected;
import dev.minerfleet.chain.AddResult.Reorganized;
import dev.minerfleet.chain.AddResult.SideChain;
import dev.minerfleet.chain.ChainListener.ChainReorganized;
import dev.minerfleet.chain.ChainListener.TipChanged;
import dev.minerfleet.chain.validation.BlockValidator;
import dev.minerfleet.chain.validation.Branch;
import dev.minerfleet.chain.validation.Violation;

/**
 * The block tree and its active chain: every valid block is kept; the active chain is the branch
 * with the most cumulative work, and on a tie the branch whose tip was accepted first stays.
 *
 * <p>
 * Blocks are added one at a time ({@link #add} is synchronized); reads through
 * {@link #snapshot()}, {@link #find}, {@link #blocksContaining}, {@link #locator()} and
 * {@link #blocksAfter} are safe from any thread at any time. Listeners run on the adding thread
 * after the snapshot is published.
 */
public final class Blockchain {

	/**
	 * Most bytes of blocks waiting for their parent. Orphans are checked only against the target
	 * they claim themselves, so their proof of work is cheap to fake down to the chain's easiest
	 * target: their memory must be bounded by bytes, not only by count.
	 */
	public static final long ORPHAN_POOL_MAX_BYTES = 64L * 1024 * 1024;

	private final ChainParameters parameters;

	private final BlockValidator validator;

	private final DifficultyAdjustment difficulty;

	private final InstantSource clock;

	private final Map<Hash, StoredBlock> blocks = new ConcurrentHashMap<>();

	/** Transaction id to the blocks (any branch) that hold it. */
	private final TransactionIndex transactionIndex = new TransactionIndex();

	/** Coin to the blocks (any branch) holding a transaction that spends it. */
	private final BlockIndex<String> coinIndex = new BlockIndex<>();

	private final OrphanPool orphans;

	private final List<ChainListener> listeners = new CopyOnWriteArrayList<>();

	/** The active chain: active[0..length) is genesis to tip. Never written below length. */
	private StoredBlock[] active = new StoredBlock[1024];

	private int length;

	private long sequence;

	private volatile ChainSnapshot snapshot;

	public Blockchain(ChainParameters parameters, InstantSource clock) {
		this(parameters, BlockValidator.standard(parameters), clock);
	}

	public Blockchain(ChainParameters parameters, BlockValidator validator, InstantSource clock) {
		this.parameters = parameters;
		this.validator = validator;
		this.difficulty = new DifficultyAdjustment(parameters);
		this.clock = clock;
		this.orphans = new OrphanPool(parameters.orphanPoolSize(), ORPHAN_POOL_MAX_BYTES);
		Block genesisBlock = parameters.genesisBlock();
		StoredBlock genesis = new StoredBlock(genesisBlock, genesisBlock.hash(), 0,
				parameters.initialTarget().work(), sequence++);
		store(genesis);
		active[0] = genesis;
		length = 1;
		publishSnapshot();
	}

	public ChainParameters parameters() {
		return parameters;
	}

	public void addListener(ChainListener listener) {
		listeners.add(listener);
	}

	/** The active chain as of now. */
	public ChainSnapshot snapshot() {
		return snapshot;
	}

	/** Any valid block of the tree, on the active chain or not. */
	public Optional<StoredBlock> find(Hash hash) {
		return Optional.ofNullable(blocks.get(hash));
	}

	/** The valid blocks, on any branch, that hold this transaction. */
	public List<StoredBlock> blocksContaining(Hash transactionId) {
		return transactionIndex.all(transactionId);
	}

	/** Whether the active chain of {@code view} holds this transaction, and where. */
	public Optional<StoredBlock> confirmingBlock(Hash transactionId, ChainSnapshot view) {
		// asked for every transaction offered to the mempool: one probe of the index, no list on the way
		return transactionIndex.first(transactionId, view::contains);
	}

	/**
	 * Whether the active chain of {@code view} holds a transaction spending {@code coin}, and where: the oldest such
	 * block (with the double-spend rule on there is only one).
	 */
	public Optional<StoredBlock> spendingBlock(String coin, ChainSnapshot view) {
		StoredBlock oldest = null;
		for (StoredBlock block : coinIndex.all(coin)) {
			if (view.contains(block) && (oldest == null || block.height() < oldest.height())) {
				oldest = block;
			}
		}
		return Optional.ofNullable(oldest);
	}

	/**
	 * The transaction of the active chain of {@code view} that spends {@code coin}: the first in the oldest block
	 * holding one.
	 */
	public Optional<Transaction> spendOf(String coin, ChainSnapshot view) {
		return spendingBlock(coin, view).flatMap(block -> block.block()
			.transactions()
			.stream()
			.filter(tx -> tx.coin().filter(coin::equals).isPresent())
			.findFirst());
	}

	/**
	 * The block locator of the active chain: see {@link #locator(StoredBlock)}.
	 */
	public List<Hash> locator() {
		ChainSnapshot view = snapshot;
		return locator(view, view.tip());
	}

	/**
	 * A block locator of the branch ending at {@code from}, Bitcoin's rule: the hashes of {@code from} and of its
	 * ancestors 1, 2, ... 10 blocks below it, then doubling the step (12, 16, 24, 40, ... blocks below), always
	 * ending with genesis; newest first, at most 41 hashes whatever the height. A peer finds the first hash it has
	 * on its own active chain and sends the blocks after it ({@link #blocksAfter}): the fork point exactly when it
	 * lies within 10 blocks of {@code from}, and at most twice as far below {@code from} as the fork point further
	 * down.
	 * @param from a block of this tree, on any branch
	 */
	public List<Hash> locator(StoredBlock from) {
		return locator(snapshot, from);
	}

	private List<Hash> locator(ChainSnapshot view, StoredBlock from) {
		List<Integer> heights = locatorHeights(from.height());
		List<Hash> hashes = new ArrayList<>(heights.size());
		StoredBlock cursor = from;
		for (int height : heights) {
			// walk down the branch until it joins the view's active chain, then read heights off the snapshot
			while (cursor.height() > height && !view.contains(cursor)) {
				cursor = blocks.get(cursor.previousHash());
			}
			if (cursor.height() > height) {
				cursor = view.at(height).orElseThrow();
			}
			hashes.add(cursor.hash());
		}
		return Collections.unmodifiableList(hashes);
	}

	/** The heights a locator of a block at {@code height} names, newest first, ending with 0. */
	static List<Integer> locatorHeights(int height) {
		List<Integer> heights = new ArrayList<>();
		long step = 1;
		long at = height;
		while (true) {
			heights.add((int) at);
			if (at == 0) {
				return heights;
			}
			if (heights.size() > 10) {
				step *= 2;
			}
			at = Math.max(0, at - step);
		}
	}

	/**
	 * The blocks a peer whose chain {@code locator} describes lacks: finds the first locator hash on this tree's
	 * active chain (genesis when none is) and returns up to {@code max} active-chain blocks after it, oldest first.
	 * Hashes of unknown blocks and of blocks on side branches are skipped. Reads one snapshot, so the blocks are
	 * consecutive on one active chain even while blocks are added on another thread.
	 * @param locator hashes, newest first, as {@link #locator()} makes them; any list is accepted
	 * @param max the most blocks to return, not negative
	 */
	public List<StoredBlock> blocksAfter(List<Hash> locator, int max) {
		if (max < 0) {
			throw new IllegalArgumentException("max must not be negative, got " + max);
		}
		ChainSnapshot view = snapshot;
		int forkPoint = 0;
		for (Hash hash : locator) {
			StoredBlock known = blocks.get(hash);
			if (known != null && view.contains(known)) {
				forkPoint = known.height();
				break;
			}
		}
		return view.range(forkPoint + 1, max);
	}

	public int knownBlocks() {
		return blocks.size();
	}

	public synchronized int orphanCount() {
		return orphans.size();
	}

	/** The blocks waiting in the orphan pool for an unknown parent, oldest arrival first. */
	public synchronized List<Block> orphans() {
		return orphans.blocks();
	}

	public synchronized long orphansEvicted() {
		return orphans.evicted();
	}

	/**
	 * Validates the block and adds it to the tree, switching the active chain when its branch now
	 * has the most work, then connects any orphans that were waiting for it.
	 */
	public synchronized AddResult add(Block block) {
		Hash hash = block.hash();
		if (blocks.containsKey(hash) || orphans.contains(hash)) {
			return new Duplicate(hash);
		}
		Optional<Violation> violation = validator.checkBlock(block, clock.millis());
		if (violation.isPresent()) {
			return new Rejected(hash, violation.get());
		}
		StoredBlock parent = blocks.get(block.previousHash());
		if (parent == null) {
			orphans.add(hash, block);
			return new Orphaned(hash, block.previousHash());
		}
		StoredBlock oldTip = active[length - 1];
		violation = validator.checkBranch(block, new BranchView(parent));
		if (violation.isPresent()) {
			return new Rejected(hash, violation.get());
		}
		StoredBlock stored = connect(block, hash, parent);
		connectWaitingOrphans(hash);
		StoredBlock newTip = active[length - 1];
		if (newTip == oldTip) {
			return new SideChain(stored);
		}
		publishSnapshot();
		AddResult result = describeTipChange(oldTip, newTip);
		notifyListeners(oldTip, newTip, result);
		return result;
	}

	private StoredBlock connect(Block block, Hash hash, StoredBlock parent) {
		StoredBlock stored = new StoredBlock(block, hash, parent.height() + 1,
				parent.chainWork().add(block.header().target().work()), sequence++);
		store(stored);
		for (ChainListener listener : listeners) {
			listener.blockAccepted(stored);
		}
		if (stored.hasMoreWorkThan(active[length - 1])) {
			switchTo(stored);
		}
		return stored;
	}

	private void connectWaitingOrphans(Hash root) {
		Deque<Hash> parents = new ArrayDeque<>();
		parents.add(root);
		while (!parents.isEmpty()) {
			StoredBlock parent = blocks.get(parents.poll());
			for (Block child : orphans.takeChildrenOf(parent.hash())) {
				Optional<Violation> violation = validator.checkBranch(child, new BranchView(parent));
				if (violation.isEmpty()) {
					parents.add(connect(child, child.hash(), parent).hash());
				}
			}
		}
	}

	private void store(StoredBlock stored) {
		blocks.put(stored.hash(), stored);
		transactionIndex.add(stored);
		for (String coin : Transaction.coinsOf(stored.block().transactions())) {
			coinIndex.add(coin, stored);
		}
	}

	/** Makes {@code newTip}'s branch the active chain. */
	private void switchTo(StoredBlock newTip) {
		if (newTip.previousHash().equals(active[length - 1].hash())) {
			append(newTip);
			return;
		}
		List<StoredBlock> path = new ArrayList<>();
		StoredBlock cursor = newTip;
		while (!isActive(cursor)) {
			path.add(cursor);
			cursor = blocks.get(cursor.previousHash());
		}
		// copy, so snapshots that share the old array never see it change
		int keep = cursor.height() + 1;
		active = Arrays.copyOf(active, Math.max(active.length, keep + path.size() + 1024));
		Arrays.fill(active, keep, active.length, null);
		length = keep;
		for (int i = path.size() - 1; i >= 0; i--) {
			append(path.get(i));
		}
	}

	private void append(StoredBlock block) {
		if (length == active.length) {
			active = Arrays.copyOf(active, active.length * 2);
		}
		active[length++] = block;
	}

	private boolean isActive(StoredBlock block) {
		return block.height() < length && active[block.height()].hash().equals(block.hash());
	}

	/** The ancestor of {@code block} at {@code height}, on {@code block}'s own branch. */
	StoredBlock ancestor(StoredBlock block, int height) {
		StoredBlock cursor = block;
		while (cursor.height() > height && !isActive(cursor)) {
			cursor = blocks.get(cursor.previousHash());
		}
		return (cursor.height() == height) ? cursor : active[height];
	}

	private AddResult describeTipChange(StoredBlock oldTip, StoredBlock newTip) {
		if (isActive(oldTip)) {
			return new Extended(Arrays.asList(Arrays.copyOfRange(active, oldTip.height() + 1, newTip.height() + 1)));
		}
		List<StoredBlock> disconnected = new ArrayList<>();
		StoredBlock cursor = oldTip;
		while (!isActive(cursor)) {
			disconnected.add(cursor);
			cursor = blocks.get(cursor.previousHash());
		}
		Collections.reverse(disconnected);
		List<StoredBlock> connected = Arrays.asList(Arrays.copyOfRange(active, cursor.height() + 1, newTip.height() + 1));
		return new Reorganized(cursor, disconnected, connected);
	}

	private void notifyListeners(StoredBlock oldTip, StoredBlock newTip, AddResult result) {
		TipChanged tipChanged = new TipChanged(oldTip, newTip);
		ChainReorganized reorganized = (result instanceof Reorganized reorg)
				? new ChainReorganized(reorg.depth(), oldTip, newTip, reorg.forkPoint()) : null;
		for (ChainListener listener : listeners) {
			if (reorganized != null) {
				listener.reorganized(reorganized);
			}
			listener.tipChanged(tipChanged);
		}
	}

	private void publishSnapshot() {
		StoredBlock tip = active[length - 1];
		BranchView onTip = new BranchView(tip);
		snapshot = new ChainSnapshot(active, length, onTip.expectedTarget(), onTip.medianTimePast());
	}

	/** The branch ending at {@code parent}, as validation rules see it. */
	private final class BranchView implements Branch {

		private final StoredBlock parent;

		BranchView(StoredBlock parent) {
			this.parent = parent;
		}

		@Override
		public StoredBlock parent() {
			return parent;
		}

		@Override
		public Target expectedTarget() {
			return difficulty.nextTarget(parent, Blockchain.this::ancestor);
		}

		@Override
		public long medianTimePast() {
			long[] times = new long[Math.min(parameters.medianTimeSpan(), parent.height() + 1)];
			StoredBlock cursor = parent;
			for (int i = 0; i < times.length; i++) {
				times[i] = cursor.timestamp();
				if (i + 1 < times.length) {
					cursor = blocks.get(cursor.previousHash());
				}
			}
			Arrays.sort(times);
			return times[times.length / 2];
		}

		@Override
		public boolean confirms(Hash transactionId) {
			return transactionIndex.first(transactionId, this::onBranch).isPresent();
		}

		@Override
		public boolean spends(String coin) {
			return coinIndex.first(coin, this::onBranch).isPresent();
		}

		/** Whether {@code block} is the parent or one of its ancestors. */
		private boolean onBranch(StoredBlock block) {
			return block.height() <= parent.height() && ancestor(parent, block.height()).hash().equals(block.hash());
		}

	}

}
