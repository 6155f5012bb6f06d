package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.minerfleet.chain.CompactBlock.Prefilled;

/** Compact blocks (BIP 152): their shape, and rebuilding them from a mempool. */
class PartialBlockTests {

	private final TestChain chain = new TestChain();

	private Block blockOf(int transactions) {
		return chain.blockWithFresh("miner-2", transactions);
	}

	/** {@code block} in compact form, with the given (colliding) short ids for its non-coinbase transactions. */
	private static CompactBlock withShortIds(Block block, long... shortIds) {
		return new CompactBlock(block.header(), block.transactions().size(),
				List.of(new Prefilled(0, block.transactions().get(0))), shortIds);
	}

	/** A weak short-id function: 9 for {@code nine}, 7 for every other transaction. */
	private static ToLongFunction<Hash> nineFor(Transaction nine) {
		return id -> id.equals(nine.id()) ? 9 : 7;
	}

	private static List<Transaction> withoutCoinbase(Block block) {
		return block.transactions().subList(1, block.transactions().size());
	}

	@Test
	void aCompactBlockSendsTheCoinbaseWholeAndEveryOtherTransactionAsAShortId() {
		Block block = blockOf(5);

		CompactBlock compact = CompactBlock.of(block);

		assertThat(compact.hash()).isEqualTo(block.hash());
		assertThat(compact.transactionCount()).isEqualTo(6);
		assertThat(compact.prefilled()).containsExactly(new Prefilled(0, block.transactions().get(0)));
		assertThat(compact.miner()).isEqualTo("miner-2");
		ShortTransactionIds ids = ShortTransactionIds.forHeader(block.header());
		assertThat(compact.shortIds())
			.containsExactly(withoutCoinbase(block).stream().mapToLong(tx -> ids.of(tx.id())).toArray());
	}

	@Test
	void transactionsTheSenderChoosesTravelWholeInBlockOrderAndTheBlockIsRebuiltFromAMempoolLackingThem() {
		Block block = blockOf(5);
		List<Transaction> txs = block.transactions();
		ShortTransactionIds ids = ShortTransactionIds.forHeader(block.header());

		CompactBlock compact = CompactBlock.of(block, Set.of(txs.get(4).id(), txs.get(2).id()));

		assertThat(compact.prefilled()).containsExactly(new Prefilled(0, txs.get(0)), new Prefilled(2, txs.get(2)),
				new Prefilled(4, txs.get(4)));
		assertThat(compact.shortIds()).containsExactly(ids.of(txs.get(1).id()), ids.of(txs.get(3).id()),
				ids.of(txs.get(5).id()));
		PartialBlock partial = PartialBlock.rebuild(compact, List.of(txs.get(1), txs.get(3), txs.get(5)));
		assertThat(partial.missing()).isEmpty();
		assertThat(partial.block()).contains(block);
	}

	@Test
	void aCompactBlockWhosePartsDoNotAddUpIsRefused() {
		Block block = blockOf(2);
		Prefilled coinbase = new Prefilled(0, block.transactions().get(0));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CompactBlock(block.header(), 3, List.of(coinbase), new long[1]))
			.withMessageContaining("do not make 3 transactions");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CompactBlock(block.header(), 2, List.of(coinbase, coinbase), new long[0]))
			.withMessageContaining("prefilled index 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CompactBlock(block.header(), 1, List.of(new Prefilled(1, coinbase.transaction())),
					new long[0]))
			.withMessageContaining("prefilled index 1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CompactBlock(block.header(), 2, List.of(coinbase), new long[] { 1L << 48 }))
			.withMessageContaining("6 bytes");
	}

	@Test
	void aBlockWhoseTransactionsAreAllInTheMempoolIsRebuiltWithoutAskingForAny() {
		Block block = blockOf(20);
		List<Transaction> mempool = new ArrayList<>(withoutCoinbase(block));
		for (int i = 0; i < 50; i++) {
			mempool.add(chain.transaction());
		}
		Collections.shuffle(mempool, new Random(1));

		PartialBlock partial = PartialBlock.rebuild(CompactBlock.of(block), mempool);

		assertThat(partial.missing()).isEmpty();
		assertThat(partial.block()).contains(block);
	}

	@Test
	void theTransactionsNotInTheMempoolAreMissingUntilFilledIn() {
		Block block = blockOf(6);
		List<Transaction> txs = block.transactions();

		PartialBlock partial = PartialBlock.rebuild(CompactBlock.of(block), List.of(txs.get(1), txs.get(4)));

		assertThat(partial.missing()).containsExactly(2, 3, 5, 6);
		assertThat(partial.block()).isEmpty();
		assertThat(partial.fill(List.of(2, 3, 5, 6), List.of(txs.get(2), txs.get(3), txs.get(5), txs.get(6))))
			.isTrue();
		assertThat(partial.missing()).isEmpty();
		assertThat(partial.block()).contains(block);
	}

	@Test
	void transactionsOfferedLaterFillWhatTheMempoolLacked() {
		Block block = blockOf(4);
		List<Transaction> txs = block.transactions();
		PartialBlock partial = PartialBlock.rebuild(CompactBlock.of(block), List.of(txs.get(2)));

		partial.offer(List.of(chain.transaction(), txs.get(1), txs.get(4)));

		assertThat(partial.missing()).containsExactly(3);
		partial.offer(List.of(txs.get(3), txs.get(2)));
		assertThat(partial.block()).contains(block);
	}

	@Test
	void aLaterOfferWithTheShortIdOfAFilledPositionButAnotherTransactionLeavesThePositionMissing() {
		Block block = blockOf(2);
		List<Transaction> txs = block.transactions();
		Transaction lookalike = chain.transaction();
		CompactBlock compact = withShortIds(block, 7, 9);
		PartialBlock partial = PartialBlock.rebuild(compact, List.of(txs.get(1)), nineFor(txs.get(2)));

		partial.offer(List.of(txs.get(2), lookalike, txs.get(1)));

		assertThat(partial.missing()).as("as if both had come in one offer").containsExactly(1);
	}

	@Test
	void fillingInRefusesPositionsTheBlockDoesNotHaveOrSentWholeAndChangesNothing() {
		Block block = blockOf(2);
		Transaction stray = chain.transaction();
		PartialBlock partial = PartialBlock.rebuild(CompactBlock.of(block), List.of());

		assertThat(partial.fill(List.of(0), List.of(stray))).as("the prefilled coinbase").isFalse();
		assertThat(partial.fill(List.of(3), List.of(stray))).as("beyond the block").isFalse();
		assertThat(partial.fill(List.of(-1), List.of(stray))).isFalse();
		assertThat(partial.fill(List.of(1, 2), List.of(stray))).as("sizes differ").isFalse();
		assertThat(partial.missing()).containsExactly(1, 2);
	}

	@Test
	void twoPositionsWithOneShortIdStayMissing() {
		Block block = blockOf(3);
		List<Transaction> txs = block.transactions();
		// a weak short id: the same for transactions 1 and 2
		CompactBlock compact = withShortIds(block, 7, 7, 9);

		PartialBlock partial = PartialBlock.rebuild(compact, txs.subList(1, 4), nineFor(txs.get(3)));

		assertThat(partial.missing()).containsExactly(1, 2);
	}

	@Test
	void twoMempoolTransactionsWithTheShortIdOfOnePositionLeaveItMissing() {
		Block block = blockOf(2);
		List<Transaction> txs = block.transactions();
		Transaction lookalike = chain.transaction();
		CompactBlock compact = withShortIds(block, 7, 9);

		PartialBlock partial = PartialBlock.rebuild(compact, List.of(txs.get(1), lookalike, txs.get(2)),
				nineFor(txs.get(2)));

		assertThat(partial.missing()).containsExactly(1);
		assertThat(partial.fill(List.of(1), List.of(txs.get(1)))).isTrue();
		assertThat(partial.block()).contains(block);
	}

	@Test
	void aRebuiltBlockThatMissesItsMerkleRootIsNoBlockButCanBeAssembledForValidationToReject() {
		Block block = blockOf(2);
		List<Transaction> txs = block.transactions();
		Transaction lookalike = chain.transaction();
		CompactBlock compact = withShortIds(block, 7, 9);

		// an unnoticed collision: the mempool holds a look-alike of transaction 1, not the real one
		PartialBlock partial = PartialBlock.rebuild(compact, List.of(lookalike, txs.get(2)), nineFor(txs.get(2)));

		assertThat(partial.isComplete()).isTrue();
		assertThat(partial.block()).isEmpty();
		assertThat(partial.assembled().transactions()).containsExactly(txs.get(0), lookalike, txs.get(2));
		assertThat(partial.notPrefilled()).containsExactly(1, 2);
	}

	/** Seeded property: whatever part of a block the mempool holds, asking for the rest rebuilds that very block. */
	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 2, 3, 4, 5 })
	void anyBlockIsRebuiltExactlyFromAnyPartOfItInTheMempoolAndTheRestAskedFor(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		for (int round = 0; round < 40; round++) {
			Block block = blockOf(random.nextInt(120));
			List<Transaction> mempool = new ArrayList<>();
			for (Transaction tx : withoutCoinbase(block)) {
				if (random.nextInt(4) > 0) {
					mempool.add(tx);
				}
			}
			for (int i = random.nextInt(30); i > 0; i--) {
				mempool.add(chain.transaction());
			}
			Collections.shuffle(mempool, new Random(random.nextLong()));

			PartialBlock partial = PartialBlock.rebuild(CompactBlock.of(block), mempool);
			List<Integer> missing = partial.missing();
			assertThat(missing).allSatisfy(i -> assertThat(mempool).doesNotContain(block.transactions().get(i)));
			assertThat(partial.fill(missing, missing.stream().map(block.transactions()::get).toList())).isTrue();

			assertThat(partial.block()).as("round %d of seed %d", round, seed).contains(block);
		}
	}

	@Test
	void shortIdsChosenToCrowdOneRunOfSlotsUnderAFixedHashAreStillFoundInAFewSteps() {
		int count = 20_000;
		PartialBlock.ShortIdTable table = new PartialBlock.ShortIdTable(count);
		// 65,536 slots; every id here lands in the first 512 of them under the fixed hash the table used before
		long[] crowded = new long[count];
		int found = 0;
		for (long id = 0; found < count; id++) {
			if ((Long.hashCode(id * 0x9E3779B97F4A7C15L) & 0xFFFF) < 512) {
				crowded[found++] = id;
			}
		}
		for (int i = 0; i < count; i++) {
			table.putOrMarkShared(crowded[i], i);
		}

		for (int i = 0; i < count; i++) {
			assertThat(table.get(crowded[i])).isEqualTo(i);
		}
		assertThat(table.get(crowded[count - 1] + 1)).isLessThan(-1);
		// a random multiplier spreads them: a run of 200 occupied slots at half load is beyond any likelihood, where
		// the fixed hash walked up to 20,000
		assertThat(table.longestProbe()).isLessThan(200);
	}

	@Test
	void aShortIdSharedByTwoPositionsIsMarkedAndAMissingOneIsNotFound() {
		PartialBlock.ShortIdTable table = new PartialBlock.ShortIdTable(3);
		table.putOrMarkShared(42, 1);
		table.putOrMarkShared(7, 2);
		table.putOrMarkShared(42, 3);

		assertThat(table.get(42)).isEqualTo(-1);
		assertThat(table.get(7)).isEqualTo(2);
		assertThat(table.get(8)).isLessThan(-1);
		assertThat(table.get(Long.MIN_VALUE)).isLessThan(-1);
	}

	@Test
	void aShortIdTableRefusesMoreIdsThanItsSlotsCanCountInsteadOfOverflowing() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PartialBlock.ShortIdTable(PartialBlock.ShortIdTable.MAX_EXPECTED + 1))
			.withMessageContaining("at most " + PartialBlock.ShortIdTable.MAX_EXPECTED);
	}

}
