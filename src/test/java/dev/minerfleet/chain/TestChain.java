package dev.minerfleet.chain;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.minerfleet.chain.validation.BlockValidator;

/**
 * Builds valid blocks cheaply for tests, on any parent it built before, whether or not a chain
 * has seen that parent: proof of work against an easy target (4 leading zero bits, 16 hashes on
 * average), one second between blocks, retargeting off unless the parameters say otherwise.
 */
public final class TestChain {

	public static final ChainParameters PARAMETERS = ChainParameters.defaults()
		.withInitialTarget(Target.ofLeadingZeroBits(4))
		.withRetargeting(0, Duration.ofSeconds(1));

	/** A clock a day after genesis: every test block lies in its past. */
	public static final InstantSource CLOCK = InstantSource
		.fixed(Instant.ofEpochMilli(PARAMETERS.genesisTimestamp()).plus(Duration.ofDays(1)));

	private final ChainParameters parameters;

	private final Map<Hash, Integer> heights = new HashMap<>();

	private final Block genesis;

	private long extraNonce;

	private int payloadCounter;

	public TestChain() {
		this(PARAMETERS);
	}

	public TestChain(ChainParameters parameters) {
		this.parameters = parameters;
		this.genesis = parameters.genesisBlock();
		heights.put(genesis.hash(), 0);
	}

	public Block genesis() {
		return genesis;
	}

	public Blockchain newBlockchain() {
		return new Blockchain(parameters, CLOCK);
	}

	/** A chain whose validator takes the ids of the transactions {@code checkedBefore} vouches for as checked. */
	public Blockchain newBlockchain(Predicate<Transaction> checkedBefore) {
		return new Blockchain(parameters, BlockValidator.standard(parameters, checkedBefore), CLOCK);
	}

	/** A valid child of {@code parent} found by {@code miner}, holding {@code transactions}. */
	public Block block(Block parent, String miner, Transaction... transactions) {
		return block(parent, miner, parent.header().timestamp() + 1000, parameters.initialTarget(),
				Arrays.asList(transactions));
	}

	/** A valid child of genesis found by {@code miner}, holding {@code count} fresh transactions after its coinbase. */
	public Block blockWithFresh(String miner, int count) {
		List<Transaction> transactions = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			transactions.add(transaction());
		}
		return block(genesis, miner, transactions.toArray(Transaction[]::new));
	}

	public Block block(Block parent, String miner, long timestamp, Target target, List<Transaction> transactions) {
		int height = heightOf(parent) + 1;
		List<Transaction> all = new ArrayList<>();
		all.add(Transaction.coinbase(miner, height, extraNonce++, timestamp, parameters.blockReward()));
		all.addAll(transactions);
		BlockHeader header = new BlockHeader(parameters.version(), parent.hash(), Hash.ZERO, timestamp,
				target.compact(), 0);
		Block block = mine(Block.assemble(header, all));
		heights.put(block.hash(), height);
		return block;
	}

	/** A chain of {@code count} blocks on {@code parent}, oldest first. */
	public List<Block> blocks(Block parent, String miner, int count) {
		List<Block> blocks = new ArrayList<>();
		Block last = parent;
		for (int i = 0; i < count; i++) {
			last = block(last, miner, transaction());
			blocks.add(last);
		}
		return blocks;
	}

	public int heightOf(Block block) {
		Integer height = heights.get(block.hash());
		if (height == null) {
			throw new IllegalArgumentException("not built by this TestChain: " + block.hash());
		}
		return height;
	}

	/** A fresh, valid, unique transaction. */
	public Transaction transaction() {
		int n = payloadCounter++;
		return Transaction.create("alice", "bob", n, "tx-" + n, parameters.genesisTimestamp() + n, "test");
	}

	/** A fresh, valid, unique transaction spending {@code coin}. */
	public Transaction spend(String coin) {
		int n = payloadCounter++;
		return Transaction.create("alice", "bob", n, Transaction.coinPayload(coin, "tx-" + n),
				parameters.genesisTimestamp() + n, "test");
	}

	/** Searches nonces until the header meets its own target. */
	public static Block mine(Block block) {
		BlockHeader header = block.header();
		Target target = header.target();
		for (int nonce = 0;; nonce++) {
			BlockHeader candidate = header.withNonce(nonce);
			if (target.isMetBy(candidate.hash())) {
				return block.withHeader(candidate);
			}
		}
	}

	/** The same block with a nonce that does not meet its target. */
	public static Block withFailingNonce(Block block) {
		BlockHeader header = block.header();
		Target target = header.target();
		for (int nonce = 0;; nonce++) {
			BlockHeader candidate = header.withNonce(nonce);
			if (!target.isMetBy(candidate.hash())) {
				return block.withHeader(candidate);
			}
		}
	}

}
