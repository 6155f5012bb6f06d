package dev.minerfleet.chain.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.AddResult.Extended;
import dev.minerfleet.chain.AddResult.Orphaned;
import dev.minerfleet.chain.AddResult.Rejected;
import dev.minerfleet.chain.AddResult.Reorganized;
import dev.minerfleet.chain.AddResult.SideChain;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.HeaderCodec;
import dev.minerfleet.chain.MerkleRoot;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.Target;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.chain.TransactionCodec;
import dev.minerfleet.chain.validation.Violation.Reason;

/**
 * A seeded fuzz loop over block validation: 4 seeds of 25,000 blocks with the optional double-spend rule off and the
 * same 4 seeds with it on, 200,000 blocks in all, the seed and the setting in the case name. Each case builds a valid
 * block (on the tip, on another known block, or on an unknown parent; a third of its transactions spend one of 16
 * coins near its height, {@code coin:X}, so that spends conflict within a block, with ancestors and across side
 * branches), mutates it three times in four (header fields, bits, timestamps, transactions removed, duplicated,
 * reordered, re-used from the chain or changed under their id, a second spend of a coin the block spends, a spend of a
 * coin an ancestor or another branch spent, the coinbase, the merkle root, bytes of the 84-byte header or of a
 * transaction's canonical encoding decoded back), often re-mines it so that the later rules are reached, and submits
 * it to a {@link Blockchain} at an easy target (9 bits, block limits of 40 transactions and 16,000 bytes, 64 orphans,
 * 10 s of future drift on a clock that moves 1 s a case).
 * {@code add} never throws; a rejected block is never stored; every accepted or parked block is checked against
 * every rule again by code of this test's own (double SHA-256 of its own header bytes against its own reading of the
 * compact target, its own merkle root and transaction ids, median time past walked by hand, its own reading of a
 * payload's coin and, with the rule on, no coin spent twice in the block or on its branch, found by walking the
 * branch down from the parent to each block that spent the coin, never through the chain's coin index); every
 * {@code DOUBLE_SPEND} rejection is a double spend by that same reading; the orphan pool never exceeds its cap; and at
 * the end every stored block and the whole active chain are valid and, with the rule on, the active chain spends no
 * coin twice. With the rule on every rejection reason occurs, {@code DOUBLE_SPEND} on side branches too, and blocks
 * spending a coin another branch spent are accepted; with it off {@code DOUBLE_SPEND} never occurs and blocks that
 * double-spend are accepted.
 * About 35 s for both settings on a busy 2-core machine.
 */
class BlockValidationMutationTests {

	private static final int CASES_PER_SEED = 25_000;

	/** A drift of 10 s, so that a block stamped at the limit holds the chain up for 10 cases at most. */
	private static final ChainParameters PARAMETERS = new ChainParameters(1, ChainParameters.defaults().genesisTimestamp(),
			Target.ofLeadingZeroBits(9), 0, Duration.ofSeconds(1), Duration.ofSeconds(10), 40, 16_000, 11, 64, 50, false);

	/** Where the clock starts; it moves on 1 s a case. */
	private static final long START = PARAMETERS.genesisTimestamp() + Duration.ofDays(1).toMillis();

	/** A coin a payload spends, as docs/protocol.md defines it: up to the first space, 1 to 64 allowed characters. */
	private static final Pattern COIN_PAYLOAD = Pattern.compile("coin:([A-Za-z0-9._-]{1,64})(?: .*)?", Pattern.DOTALL);

	static Stream<Long> seeds() {
		return LongStream.iterate(0x5eed_b10c_0001L, seed -> seed * 6364136223846793005L + 1442695040888963407L)
			.limit(4)
			.boxed();
	}

	/** Every seed with the double-spend rule off, then every seed with it on. */
	static Stream<Arguments> seedsAndRule() {
		return Stream.of(false, true).flatMap(rule -> seeds().map(seed -> Arguments.of(seed, rule)));
	}

	@ParameterizedTest(name = "seed {0}, double-spend rule {1}")
	@MethodSource("seedsAndRule")
	void noMutatedBlockThrowsAndEveryBlockTheChainTakesMeetsEveryRule(long seed, boolean doubleSpendRule) {
		Fuzz fuzz = new Fuzz(new SplittableRandom(seed), doubleSpendRule);
		for (int i = 0; i < CASES_PER_SEED; i++) {
			fuzz.step(i, seed);
		}
		fuzz.checkEverythingStored();
		// the loop reached every rule and every outcome: otherwise it would prove little
		List<Reason> enforced = new ArrayList<>(Arrays.asList(Reason.values()));
		if (doubleSpendRule) {
			assertThat(fuzz.doubleSpendsRejectedOnSideBranches).as("DOUBLE_SPEND rejections on a side branch")
				.isPositive();
			assertThat(fuzz.acceptedSpendsOfCoinsOtherBranchesSpent).as("accepted spends of coins other branches spent")
				.isNotEmpty();
			fuzz.checkActiveChainSpendsNoCoinTwice();
		}
		else {
			// the optional rule is off: a double spend is no reason, and blocks holding one were taken
			enforced.remove(Reason.DOUBLE_SPEND);
			assertThat(fuzz.rejections).as("reasons seen").doesNotContainKey(Reason.DOUBLE_SPEND);
			assertThat(fuzz.acceptedDoubleSpends).as("accepted blocks that double-spend").isNotEmpty();
		}
		assertThat(fuzz.rejections.keySet()).as("reasons seen").containsAll(enforced);
		assertThat(fuzz.outcomes.keySet()).as("outcomes seen")
			.contains(Extended.class, SideChain.class, Orphaned.class, Rejected.class);
		assertThat(fuzz.chain.snapshot().height()).isGreaterThan(1_000);
	}

	private static final class Fuzz {

		final SplittableRandom random;

		final boolean doubleSpendRule;

		/** The clock the chain reads: {@link #START}, then 1 s later every case. */
		long now = START;

		final Blockchain chain;

		final List<Block> stored = new ArrayList<>();

		final List<Transaction> confirmed = new ArrayList<>();

		final Set<Hash> submitted = new HashSet<>();

		final Map<Reason, Integer> rejections = new EnumMap<>(Reason.class);

		final Map<Class<?>, Integer> outcomes = new HashMap<>();

		/** Transaction id to the stored blocks, on any branch, holding it. */
		final Map<Hash, Set<Hash>> holdersById = new HashMap<>();

		/** Coin to every block submitted spending it, whatever became of the block: this test's own index. */
		final Map<String, Set<Hash>> spendersByCoin = new HashMap<>();

		/** The coins spent by stored blocks, on any branch, once a block. */
		final List<String> spentCoins = new ArrayList<>();

		/** Stored blocks spending a coin twice in themselves or on their branch: possible only with the rule off. */
		final Set<Hash> acceptedDoubleSpends = new HashSet<>();

		/** Stored blocks spending a coin that a block on another branch spent, which is no double spend. */
		final Set<Hash> acceptedSpendsOfCoinsOtherBranchesSpent = new HashSet<>();

		int doubleSpendsRejectedOnSideBranches;

		long txCounter;

		Fuzz(SplittableRandom random, boolean doubleSpendRule) {
			this.random = random;
			this.doubleSpendRule = doubleSpendRule;
			this.chain = new Blockchain(PARAMETERS.withDoubleSpendRule(doubleSpendRule), new InstantSource() {

				@Override
				public Instant instant() {
					return Instant.ofEpochMilli(now);
				}

			});
			stored.add(chain.snapshot().tip().block());
		}

		void step(int i, long seed) {
			now += 1_000;
			Block candidate = candidate();
			Block block = (random.nextInt(4) == 0) ? mine(candidate) : mutate(candidate);
			submitted.add(block.hash());
			for (String coin : coinsOf(block)) {
				spendersByCoin.computeIfAbsent(coin, c -> new HashSet<>()).add(block.hash());
			}
			AddResult result;
			try {
				result = chain.add(block);
			}
			catch (Throwable ex) {
				throw new AssertionError("case " + i + " of seed " + seed + " threw on " + block, ex);
			}
			outcomes.merge(result.getClass(), 1, Integer::sum);
			String context = "case " + i + " of seed " + seed + ", double-spend rule " + doubleSpendRule + ": "
					+ result;
			if (result instanceof Rejected rejected) {
				rejections.merge(rejected.violation().reason(), 1, Integer::sum);
				assertThat(chain.find(block.hash())).as(context).isEmpty();
				if (rejected.violation().reason() == Reason.DOUBLE_SPEND) {
					checkDoubleSpend(block, context);
				}
			}
			else if (result instanceof Orphaned) {
				assertThat(blockRuleBroken(block)).as(context).isEmpty();
			}
			else if (result instanceof Extended extended) {
				extended.connected().forEach(connected -> checkStored(connected, context));
			}
			else if (result instanceof Reorganized reorganized) {
				reorganized.connected().forEach(connected -> checkStored(connected, context));
			}
			else if (result instanceof SideChain side) {
				checkStored(side.block(), context);
			}
			if (!(result instanceof Rejected) && !(result instanceof Orphaned)) {
				stored.add(block);
				confirmed.addAll(block.transactions());
				spentCoins.addAll(coinsOf(block));
			}
			assertThat(chain.orphanCount()).as(context).isLessThanOrEqualTo(PARAMETERS.orphanPoolSize());
		}

		/** Every block the chain stored, on any branch, and the active chain end to end. */
		void checkEverythingStored() {
			for (Hash hash : submitted) {
				chain.find(hash).ifPresent(block -> checkStored(block, "stored block " + hash));
			}
			ChainSnapshot view = chain.snapshot();
			StoredBlock previous = view.at(0).orElseThrow();
			for (int height = 1; height <= view.height(); height++) {
				StoredBlock block = view.at(height).orElseThrow();
				assertThat(block.previousHash()).isEqualTo(previous.hash());
				assertThat(block.height()).isEqualTo(height);
				checkStored(block, "active block #" + height);
				previous = block;
			}
		}

		/** The active chain, walked from genesis to the tip, spends every coin at most once. */
		void checkActiveChainSpendsNoCoinTwice() {
			ChainSnapshot view = chain.snapshot();
			Map<String, Integer> spentAt = new HashMap<>();
			for (int height = 0; height <= view.height(); height++) {
				for (Transaction tx : view.at(height).orElseThrow().block().transactions()) {
					Optional<String> coin = coinOf(tx);
					if (coin.isPresent()) {
						Integer earlier = spentAt.putIfAbsent(coin.get(), height);
						assertThat(earlier).as("active chain: coin " + coin.get() + " spent again at #" + height)
							.isNull();
					}
				}
			}
			assertThat(spentAt).as("coins the active chain spends").isNotEmpty();
		}

		// ---- building

		Block candidate() {
			int choice = random.nextInt(10);
			StoredBlock parent;
			if (choice < 7) {
				parent = chain.snapshot().tip();
			}
			else if (choice < 9) {
				parent = chain.find(stored.get(random.nextInt(stored.size())).hash()).orElseThrow();
			}
			else {
				// an unknown parent: the block is an orphan, unless the mutations make it invalid
				return Block.assemble(new BlockHeader(PARAMETERS.version(), randomHash(), Hash.ZERO,
						now - random.nextInt(1_000_000), PARAMETERS.initialTarget().compact(), 0),
						transactions(random.nextInt(1_000_000)));
			}
			long timestamp = latestTimestamp(parent) + 1 + random.nextInt(1_000);
			BlockHeader header = new BlockHeader(PARAMETERS.version(), parent.hash(), Hash.ZERO, timestamp,
					PARAMETERS.initialTarget().compact(), 0);
			return Block.assemble(header, transactions(parent.height() + 1));
		}

		List<Transaction> transactions(int height) {
			List<Transaction> transactions = new ArrayList<>();
			transactions.add(Transaction.coinbase("miner-" + random.nextInt(5), height, random.nextLong(1_000_000),
					now, PARAMETERS.blockReward()));
			int count = random.nextInt(4);
			for (int i = 0; i < count; i++) {
				transactions.add((random.nextInt(3) == 0) ? spend("c" + (height / 2 + random.nextInt(16)))
						: freshTransaction(random.nextInt(8) == 0 ? 900 : 10));
			}
			return transactions;
		}

		/**
		 * A fresh transaction spending {@code coin}. The generator draws coins from the 16 starting at half the height,
		 * so that blocks up to 32 heights apart, on one branch or on two, spend the same coins.
		 */
		Transaction spend(String coin) {
			long n = txCounter++;
			String note = random.nextBoolean() ? "" : "n" + n;
			return Transaction.create("alice", "bob", n, Transaction.coinPayload(coin, note), n, "fuzz");
		}

		/** A coin spent before, by an ancestor of {@code parent} (40 blocks back, rarely more) or on any branch. */
		Optional<String> coinSpentEarlier(Hash parent) {
			if (random.nextBoolean()) {
				return spentCoins.isEmpty() ? Optional.empty()
						: Optional.of(spentCoins.get(random.nextInt(spentCoins.size())));
			}
			List<String> coins = new ArrayList<>();
			int depth = 1 + random.nextInt(random.nextInt(8) == 0 ? 2_000 : 40);
			Optional<StoredBlock> cursor = chain.find(parent);
			for (int i = 0; i < depth && cursor.isPresent(); i++) {
				coins.addAll(coinsOf(cursor.get().block()));
				cursor = chain.find(cursor.get().previousHash());
			}
			return coins.isEmpty() ? Optional.empty() : Optional.of(coins.get(random.nextInt(coins.size())));
		}

		/** Inserts {@code tx} anywhere after the first transaction, where the coinbase belongs. */
		void insertAfterCoinbase(List<Transaction> txs, Transaction tx) {
			txs.add(txs.isEmpty() ? 0 : 1 + random.nextInt(txs.size()), tx);
		}

		Transaction freshTransaction(int payloadLength) {
			long n = txCounter++;
			return Transaction.create("alice", "bob", n, "p".repeat(random.nextInt(payloadLength + 1)), n, "fuzz");
		}

		Transaction fullTransaction() {
			long n = txCounter++;
			return Transaction.create("alice", "bob", n, "p".repeat(Transaction.MAX_PAYLOAD_BYTES), n, "fuzz");
		}

		long latestTimestamp(StoredBlock block) {
			long latest = block.timestamp();
			Optional<StoredBlock> cursor = Optional.of(block);
			for (int i = 0; i < PARAMETERS.medianTimeSpan() && cursor.isPresent(); i++) {
				latest = Math.max(latest, cursor.get().timestamp());
				cursor = chain.find(cursor.get().previousHash());
			}
			return latest;
		}

		Hash randomHash() {
			byte[] bytes = new byte[Hash.LENGTH];
			random.nextBytes(bytes);
			return Hash.of(bytes);
		}

		// ---- mutating

		Block mutate(Block block) {
			Block mutant = block;
			int rounds = 1 + random.nextInt(2);
			for (int i = 0; i < rounds; i++) {
				mutant = mutateOnce(mutant);
			}
			// reach the rules after the merkle root and the proof of work, often
			if (random.nextInt(3) != 0) {
				mutant = Block.assemble(mutant.header(), mutant.transactions());
			}
			if (random.nextInt(4) != 0) {
				mutant = remine(mutant);
			}
			return mutant;
		}

		Block mutateOnce(Block block) {
			BlockHeader h = block.header();
			List<Transaction> txs = new ArrayList<>(block.transactions());
			switch (random.nextInt(18)) {
				case 0:
					return block.withHeader(new BlockHeader(pick(0, 2, -1, random.nextInt()), h.previousHash(),
							h.merkleRoot(), h.timestamp(), h.bits(), h.nonce()));
				case 1: {
					Hash previous = random.nextBoolean() ? randomHash()
							: random.nextBoolean() ? Hash.ZERO : stored.get(random.nextInt(stored.size())).hash();
					return block.withHeader(new BlockHeader(h.version(), previous, h.merkleRoot(), h.timestamp(),
							h.bits(), h.nonce()));
				}
				case 2:
					return block.withHeader(h.withMerkleRoot(randomHash()));
				case 3: {
					long limit = now + PARAMETERS.maxFutureDrift().toMillis();
					long[] times = { Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, limit, limit + 1,
							PARAMETERS.genesisTimestamp(), h.timestamp() - 1 - random.nextInt(20_000),
							now + 365L * 24 * 3600 * 1000, random.nextLong() };
					return block.withHeader(h.withTimestamp(times[random.nextInt(times.length)]));
				}
				case 4: {
					int[] bits = { random.nextInt(), 0, -1, 0x00800000 | random.nextInt(), 0x1d00ffff, 0x2100ffff,
							0x22000001, 0x03000000, 0x207fffff, Target.ofLeadingZeroBits(random.nextInt(12)).compact(),
							Target.ofLeadingZeroBits(random.nextInt(240)).compact(), h.bits() + 1 };
					return block.withHeader(new BlockHeader(h.version(), h.previousHash(), h.merkleRoot(),
							h.timestamp(), bits[random.nextInt(bits.length)], h.nonce()));
				}
				case 5:
					return block.withHeader(h.withNonce(random.nextInt()));
				case 6: {
					// bytes of the canonical header, decoded back
					byte[] bytes = HeaderCodec.encode(h);
					int flips = 1 + random.nextInt(3);
					for (int i = 0; i < flips; i++) {
						bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
					}
					return block.withHeader(HeaderCodec.decode(bytes));
				}
				case 7:
					if (!txs.isEmpty()) {
						txs.remove(random.nextInt(txs.size()));
					}
					break;
				case 8:
					if (!txs.isEmpty()) {
						txs.add(random.nextInt(txs.size() + 1), txs.get(random.nextInt(txs.size())));
					}
					break;
				case 9:
					java.util.Collections.shuffle(txs, new java.util.Random(random.nextLong()));
					break;
				case 10:
					if (!confirmed.isEmpty()) {
						txs.add(confirmed.get(random.nextInt(confirmed.size())));
					}
					break;
				case 11:
					if (!txs.isEmpty()) {
						// changed under its old id
						int at = random.nextInt(txs.size());
						Transaction tx = txs.get(at);
						txs.set(at, new Transaction(tx.id(), tx.sender(), tx.receiver(), tx.amount() + 1, tx.payload(),
								tx.createdAt(), tx.origin()));
					}
					break;
				case 12: {
					Transaction coinbase = Transaction.coinbase("other", 1, random.nextLong(), now,
							random.nextBoolean() ? PARAMETERS.blockReward() : random.nextLong(1_000));
					txs.add(random.nextInt(txs.size() + 1), coinbase);
					if (random.nextBoolean() && txs.size() > 1) {
						txs.remove(0);
					}
					break;
				}
				case 13:
					txs.clear();
					break;
				case 14: {
					// over the count or the byte limit
					boolean byCount = random.nextBoolean();
					int count = byCount ? PARAMETERS.maxBlockTransactions() : 16;
					for (int i = 0; i < count; i++) {
						txs.add(byCount ? freshTransaction(0) : fullTransaction());
					}
					break;
				}
				case 15: {
					// a second spend of a coin the block spends (or, lacking one, two spends of a new coin)
					List<String> coins = new ArrayList<>(coinsOf(block));
					String coin = coins.isEmpty() ? "d" + txCounter : coins.get(random.nextInt(coins.size()));
					if (coins.isEmpty()) {
						insertAfterCoinbase(txs, spend(coin));
					}
					insertAfterCoinbase(txs, spend(coin));
					break;
				}
				case 16: {
					// a spend of a coin an ancestor, or a block on any branch, spent
					Optional<String> coin = coinSpentEarlier(h.previousHash());
					if (coin.isPresent()) {
						insertAfterCoinbase(txs, spend(coin.get()));
					}
					break;
				}
				default:
					if (!txs.isEmpty()) {
						int at = random.nextInt(txs.size());
						Optional<Transaction> decoded = flipCanonicalBytes(txs.get(at));
						if (decoded.isPresent()) {
							txs.set(at, decoded.get());
						}
					}
			}
			return new Block(h, txs);
		}

		/** A byte of a transaction's canonical encoding flipped, decoded back, under its old id or a new one. */
		Optional<Transaction> flipCanonicalBytes(Transaction tx) {
			byte[] bytes = TransactionCodec.canonicalBytes(tx);
			bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
			try {
				ByteBuffer in = ByteBuffer.wrap(bytes);
				String sender = text(in);
				String receiver = text(in);
				long amount = in.getLong();
				String payload = text(in);
				long createdAt = in.getLong();
				String origin = text(in);
				Transaction decoded = Transaction.create(sender, receiver, amount, payload, createdAt, origin);
				return Optional.of(random.nextBoolean() ? decoded : decoded.withId(tx.id()));
			}
			catch (RuntimeException unreadable) {
				// lengths that run past the end, negative amounts, text over its limit: not a transaction
				return Optional.empty();
			}
		}

		private static String text(ByteBuffer in) {
			byte[] text = new byte[Short.toUnsignedInt(in.getShort())];
			in.get(text);
			return new String(text, StandardCharsets.UTF_8);
		}

		int pick(int... values) {
			return values[random.nextInt(values.length)];
		}

		/** Proof of work for the bits the block claims, when they are a target easy enough to meet here. */
		static Block remine(Block block) {
			Target target;
			try {
				target = Target.fromCompact(block.header().bits());
			}
			catch (IllegalArgumentException notATarget) {
				return block;
			}
			return (target.leadingZeroBits() <= 10) ? mine(block) : block;
		}

		/** {@link TestChain#mine}, but with one digest for all the nonces: hashing is most of this test's time. */
		static Block mine(Block block) {
			byte[] header = HeaderCodec.encode(block.header());
			byte[] target = Target.fromCompact(block.header().bits()).value().add(BigInteger.ONE.shiftLeft(256))
				.toByteArray();
			MessageDigest digest = sha256Digest();
			for (int nonce = 0;; nonce++) {
				HeaderCodec.putNonce(header, nonce);
				byte[] hash = digest.digest(digest.digest(header));
				// target holds 2^256 + target: a leading 1, then the 32 bytes to compare with
				if (Arrays.compareUnsigned(hash, 0, 32, target, target.length - 32, target.length) <= 0) {
					return block.withHeader(block.header().withNonce(nonce));
				}
			}
		}

		// ---- checking, by this test's own reading of docs/protocol.md

		void checkStored(StoredBlock stored, String context) {
			Block block = stored.block();
			assertThat(blockRuleBroken(block)).as(context).isEmpty();
			StoredBlock parent = chain.find(block.previousHash()).orElseThrow();
			assertThat(stored.height()).as(context).isEqualTo(parent.height() + 1);
			assertThat(block.header().bits()).as(context + ": target for height")
				.isEqualTo(PARAMETERS.initialTarget().compact());
			assertThat(block.header().timestamp()).as(context + ": after median time past")
				.isGreaterThan(medianTimePast(parent));
			// confirmed by an ancestor? Only blocks holding one of its ids can be that ancestor
			for (Transaction tx : block.transactions()) {
				Set<Hash> holders = holdersById.computeIfAbsent(tx.id(), id -> new HashSet<>());
				for (Hash holder : holders) {
					StoredBlock other = chain.find(holder).orElseThrow();
					if (!holder.equals(stored.hash()) && other.height() < stored.height()
							&& ancestor(parent, other.height()).hash().equals(holder)) {
						fail(context + ": transaction " + tx.id() + " already confirmed at #" + other.height());
					}
				}
				holders.add(stored.hash());
			}
			Optional<String> doubleSpend = coinSpentTwice(block, parent);
			if (doubleSpend.isPresent()) {
				if (doubleSpendRule) {
					fail(context + ": accepted although " + doubleSpend.get());
				}
				acceptedDoubleSpends.add(stored.hash());
			}
			else if (spendsACoinAnotherBranchSpent(stored)) {
				acceptedSpendsOfCoinsOtherBranchesSpent.add(stored.hash());
			}
		}

		/** A block rejected as a double spend: the rule is on, and the block does spend a coin twice on its branch. */
		void checkDoubleSpend(Block block, String context) {
			assertThat(doubleSpendRule).as(context + ": DOUBLE_SPEND with the rule off").isTrue();
			StoredBlock parent = chain.find(block.previousHash()).orElseThrow();
			assertThat(coinSpentTwice(block, parent)).as(context + ": no coin spent twice").isPresent();
			Optional<StoredBlock> active = chain.snapshot().at(parent.height());
			if (active.isEmpty() || !active.get().hash().equals(parent.hash())) {
				doubleSpendsRejectedOnSideBranches++;
			}
		}

		/**
		 * How {@code block}, on top of {@code parent}, spends a coin twice: two of its transactions spend it, or a
		 * block on the branch ending at {@code parent} did. Empty when it does not. The branch is walked by this test,
		 * from {@code parent} down to each submitted block that spends the coin, never asked of the chain's coin index.
		 */
		Optional<String> coinSpentTwice(Block block, StoredBlock parent) {
			Set<String> coins = new HashSet<>();
			for (Transaction tx : block.transactions()) {
				Optional<String> coin = coinOf(tx);
				if (coin.isPresent() && !coins.add(coin.get())) {
					return Optional.of("coin " + coin.get() + " spent twice in the block");
				}
			}
			for (String coin : coins) {
				for (Hash spender : spendersByCoin.getOrDefault(coin, Set.of())) {
					Optional<StoredBlock> other = chain.find(spender);
					if (other.isPresent() && other.get().height() <= parent.height()
							&& ancestor(parent, other.get().height()).hash().equals(spender)) {
						return Optional.of("coin " + coin + " already spent at #" + other.get().height() + " "
								+ spender.abbreviated());
					}
				}
			}
			return Optional.empty();
		}

		/** Whether a stored block on a branch other than {@code stored}'s spends a coin {@code stored} spends. */
		boolean spendsACoinAnotherBranchSpent(StoredBlock stored) {
			for (String coin : coinsOf(stored.block())) {
				for (Hash spender : spendersByCoin.getOrDefault(coin, Set.of())) {
					Optional<StoredBlock> other = chain.find(spender);
					if (other.isEmpty()) {
						continue;
					}
					int height = other.get().height();
					boolean ancestorOrSelf = height <= stored.height()
							&& ancestor(stored, height).hash().equals(spender);
					boolean descendant = height > stored.height()
							&& ancestor(other.get(), stored.height()).hash().equals(stored.hash());
					if (!ancestorOrSelf && !descendant) {
						return true;
					}
				}
			}
			return false;
		}

		StoredBlock ancestor(StoredBlock block, int height) {
			StoredBlock cursor = block;
			while (cursor.height() > height) {
				cursor = chain.find(cursor.previousHash()).orElseThrow();
			}
			return cursor;
		}

		long medianTimePast(StoredBlock parent) {
			List<Long> times = new ArrayList<>();
			Optional<StoredBlock> cursor = Optional.of(parent);
			while (times.size() < PARAMETERS.medianTimeSpan() && cursor.isPresent()) {
				times.add(cursor.get().timestamp());
				cursor = (cursor.get().height() == 0) ? Optional.empty() : chain.find(cursor.get().previousHash());
			}
			times.sort(null);
			return times.get(times.size() / 2);
		}

		/** The first rule a block breaks on its own, as this test reads the rules; empty when it breaks none. */
		Optional<String> blockRuleBroken(Block block) {
			return blockRuleBroken(block, now);
		}

		static Optional<String> blockRuleBroken(Block block, long now) {
			BlockHeader header = block.header();
			List<Transaction> txs = block.transactions();
			if (header.version() != PARAMETERS.version() || txs.isEmpty()) {
				return Optional.of("malformed");
			}
			Optional<BigInteger> target = compactTarget(header.bits());
			if (target.isEmpty() || target.get().compareTo(BigInteger.ONE.shiftLeft(256)) >= 0) {
				return Optional.of("bits");
			}
			BigInteger easiest = PARAMETERS.initialTarget().value().shiftLeft(8);
			if (target.get().compareTo(easiest) > 0 && easiest.bitLength() <= 256) {
				return Optional.of("target easier than the limit");
			}
			if (new BigInteger(1, doubleSha256(headerBytes(header))).compareTo(target.get()) > 0) {
				return Optional.of("proof of work");
			}
			if (!Arrays.equals(doubleSha256(headerBytes(header)), block.hash().toByteArray())) {
				return Optional.of("hash");
			}
			if (header.timestamp() > now + PARAMETERS.maxFutureDrift().toMillis()) {
				return Optional.of("future");
			}
			long size = HeaderCodec.LENGTH;
			Set<Hash> ids = new HashSet<>();
			List<byte[]> leaves = new ArrayList<>();
			for (int i = 0; i < txs.size(); i++) {
				Transaction tx = txs.get(i);
				byte[] canonical = canonicalBytes(tx);
				size += canonical.length;
				if (!Arrays.equals(sha256(canonical), tx.id().toByteArray())) {
					return Optional.of("transaction id");
				}
				if (!ids.add(tx.id())) {
					return Optional.of("duplicate transaction");
				}
				boolean coinbase = "coinbase".equals(tx.sender());
				if (coinbase != (i == 0)) {
					return Optional.of("coinbase position");
				}
				leaves.add(tx.id().toByteArray());
			}
			Transaction coinbase = txs.get(0);
			if (coinbase.amount() != PARAMETERS.blockReward() || !coinbase.receiver().equals(coinbase.origin())) {
				return Optional.of("coinbase");
			}
			if (txs.size() > PARAMETERS.maxBlockTransactions() || size > PARAMETERS.maxBlockBytes()) {
				return Optional.of("size");
			}
			if (!Arrays.equals(merkleRoot(leaves), header.merkleRoot().toByteArray())) {
				return Optional.of("merkle root");
			}
			return Optional.empty();
		}

	}

	// ---- the encodings, written out again from docs/protocol.md

	/** The coin a transaction spends: none for a coinbase, else the one its payload names. */
	static Optional<String> coinOf(Transaction tx) {
		if ("coinbase".equals(tx.sender())) {
			return Optional.empty();
		}
		Matcher matcher = COIN_PAYLOAD.matcher(tx.payload());
		return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

	/** The coins a block's transactions spend, each once, in order. */
	static Set<String> coinsOf(Block block) {
		Set<String> coins = new java.util.LinkedHashSet<>();
		for (Transaction tx : block.transactions()) {
			coinOf(tx).ifPresent(coins::add);
		}
		return coins;
	}

	/** Bitcoin's compact form: 8 bits of exponent, a sign bit, 23 bits of mantissa; empty if negative or zero. */
	static Optional<BigInteger> compactTarget(int bits) {
		int exponent = bits >>> 24;
		if ((bits & 0x00800000) != 0) {
			return Optional.empty();
		}
		BigInteger mantissa = BigInteger.valueOf(bits & 0x007fffff);
		BigInteger value = (exponent <= 3) ? mantissa.shiftRight(8 * (3 - exponent))
				: mantissa.shiftLeft(8 * (exponent - 3));
		return (value.signum() == 0) ? Optional.empty() : Optional.of(value);
	}

	static byte[] headerBytes(BlockHeader header) {
		return ByteBuffer.allocate(84)
			.putInt(header.version())
			.put(header.previousHash().toByteArray())
			.put(header.merkleRoot().toByteArray())
			.putLong(header.timestamp())
			.putInt(header.bits())
			.putInt(header.nonce())
			.array();
	}

	static byte[] canonicalBytes(Transaction tx) {
		ByteBuffer out = ByteBuffer.allocate(4 * 1100);
		putText(out, tx.sender());
		putText(out, tx.receiver());
		out.putLong(tx.amount());
		putText(out, tx.payload());
		out.putLong(tx.createdAt());
		putText(out, tx.origin());
		return Arrays.copyOf(out.array(), out.position());
	}

	private static void putText(ByteBuffer out, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		out.putShort((short) bytes.length).put(bytes);
	}

	static byte[] merkleRoot(List<byte[]> leaves) {
		List<byte[]> level = leaves;
		while (level.size() > 1) {
			List<byte[]> next = new ArrayList<>();
			for (int i = 0; i < level.size(); i += 2) {
				byte[] left = level.get(i);
				byte[] right = (i + 1 < level.size()) ? level.get(i + 1) : left;
				byte[] pair = Arrays.copyOf(left, 64);
				System.arraycopy(right, 0, pair, 32, 32);
				next.add(doubleSha256(pair));
			}
			level = next;
		}
		return level.get(0);
	}

	static byte[] sha256(byte[] data) {
		return sha256Digest().digest(data);
	}

	static MessageDigest sha256Digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static byte[] doubleSha256(byte[] data) {
		return sha256(sha256(data));
	}

	static {
		// the checks above must agree with the chain's own encodings on a valid block, or they check nothing
		TestChain fixture = new TestChain(PARAMETERS);
		Block valid = fixture.block(fixture.genesis(), "miner-1", fixture.transaction(), fixture.transaction());
		Transaction spend = fixture.spend("c-1.x_");
		if (!coinOf(spend).equals(spend.coin()) || coinOf(spend).isEmpty()
				|| !coinOf(valid.transactions().get(0)).equals(valid.transactions().get(0).coin())) {
			throw new IllegalStateException("the test's own reading of a coin disagrees with the chain's");
		}
		if (Fuzz.blockRuleBroken(valid, START).isPresent() || !Arrays.equals(
				merkleRoot(valid.transactions().stream().map(tx -> tx.id().toByteArray()).toList()),
				MerkleRoot.of(valid.transactions()).toByteArray())) {
			throw new IllegalStateException("the test's own encodings disagree with the chain's on a valid block");
		}
	}

}
