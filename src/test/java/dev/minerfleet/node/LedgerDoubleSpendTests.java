package dev.minerfleet.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.AddResult.Extended;
import dev.minerfleet.chain.AddResult.Reorganized;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool;
import dev.minerfleet.mempool.Mempool.Admission;

/**
 * The ledger with the double-spend rule on: A and B both spend coin X; whatever the order and the
 * forks, the active chain confirms at most one, and the other is dropped from the mempool.
 */
class LedgerDoubleSpendTests {

	private final TestChain blocks = new TestChain(TestChain.PARAMETERS.withDoubleSpendRule(true));

	private final Transaction spendA = blocks.spend("X");

	private final Transaction spendB = blocks.spend("X");

	private final Ledger ledger = newLedger();

	private Ledger newLedger() {
		return new Ledger(blocks.newBlockchain(), new Mempool(1000, 1_000_000));
	}

	@Test
	void refusesATransactionWhoseCoinTheActiveChainSpent() {
		ledger.submitBlock(blocks.block(blocks.genesis(), "m1", spendA));

		assertThat(ledger.submitTransaction(spendB)).isEqualTo(Admission.COIN_ALREADY_SPENT);
		assertThat(ledger.mempool().size()).isZero();
		assertThat(ledger.submitTransaction(spendA)).isEqualTo(Admission.ALREADY_CONFIRMED);
	}

	@Test
	void keepsTwoSpendsOfAnUnspentCoinPendingButMinesOnlyTheFirstSeen() {
		Transaction plain = blocks.transaction();
		assertThat(ledger.submitTransaction(spendA)).isEqualTo(Admission.ADDED);
		assertThat(ledger.submitTransaction(spendB)).isEqualTo(Admission.ADDED);
		ledger.submitTransaction(plain);

		assertThat(ledger.mempool().transactions()).containsExactly(spendA, spendB, plain);
		assertThat(ledger.candidates(100, 1_000_000).transactions()).containsExactly(spendA, plain);
	}

	@Test
	void dropsThePendingRivalWhenABlockSpendsTheCoin() {
		ledger.submitTransaction(spendA);
		ledger.submitTransaction(spendB);

		assertThat(ledger.submitBlock(blocks.block(blocks.genesis(), "m1", spendA))).isInstanceOf(Extended.class);

		assertThat(ledger.mempool().size()).isZero();
		assertThat(ledger.mempool().doubleSpendsDropped()).isEqualTo(1);
		assertThat(ledger.mempool().findDropped(spendB.id())).contains(spendB);
	}

	@Test
	void aReorganisationToTheOtherSpendDropsTheAbandonedOne() {
		// genesis - a1(A)          active first
		//        \- b1(B) - b2     more work: wins
		Block a1 = blocks.block(blocks.genesis(), "m1", spendA);
		Block b1 = blocks.block(blocks.genesis(), "m2", spendB);
		Block b2 = blocks.block(b1, "m2");
		ledger.submitBlock(a1);
		assertThat(ledger.submitBlock(b1)).isInstanceOf(AddResult.SideChain.class);
		assertThat(ledger.mempool().contains(spendB.id())).as("B on a side branch, X spent on the active chain")
			.isFalse();

		AddResult result = ledger.submitBlock(b2);

		assertThat(result).isInstanceOf(Reorganized.class);
		assertThat(ledger.chain().spendOf("X", ledger.chain().snapshot())).contains(spendB);
		assertThat(ledger.mempool().size()).as("A not given back: its coin is spent").isZero();
		assertThat(ledger.mempool().findDropped(spendA.id())).contains(spendA);
		assertThat(ledger.mempool().findDropped(spendB.id())).as("B confirmed now").isEmpty();
	}

	@Test
	void aReorganisationThatUnspendsTheCoinGivesBothSpendsBack() {
		// genesis - a1(A)          A confirmed, pending B dropped
		//        \- c1 - c2        neither spend: X is unspent again
		ledger.submitTransaction(spendA);
		ledger.submitTransaction(spendB);
		ledger.submitBlock(blocks.block(blocks.genesis(), "m1", spendA));
		Block c1 = blocks.block(blocks.genesis(), "m2");
		ledger.submitBlock(c1);

		assertThat(ledger.submitBlock(blocks.block(c1, "m2"))).isInstanceOf(Reorganized.class);

		assertThat(ledger.mempool().transactions()).containsExactly(spendA, spendB);
		assertThat(ledger.candidates(100, 1_000_000).transactions()).containsExactly(spendA);
	}

	@Test
	void twoHalvesThatEachConfirmedOneSpendAgreeOnTheHeavierAfterHealing() {
		// the fleet cut in two: each half hears one spend and mines it
		Ledger left = newLedger();
		Ledger right = newLedger();
		left.submitTransaction(spendA);
		right.submitTransaction(spendB);
		Block leftBlock = mine(left, blocks.genesis(), "left");
		Block rightBlock = mine(right, blocks.genesis(), "right");
		Block rightNext = mine(right, rightBlock, "right");
		assertThat(leftBlock.transactions()).contains(spendA).doesNotContain(spendB);
		assertThat(rightBlock.transactions()).contains(spendB).doesNotContain(spendA);

		// healed: every block and transaction reaches both halves
		assertThat(left.submitBlock(rightBlock)).isInstanceOf(AddResult.SideChain.class);
		assertThat(left.submitBlock(rightNext)).isInstanceOf(Reorganized.class);
		assertThat(right.submitBlock(leftBlock)).isInstanceOf(AddResult.SideChain.class);
		assertThat(left.submitTransaction(spendB)).isEqualTo(Admission.ALREADY_CONFIRMED);
		assertThat(right.submitTransaction(spendA)).isEqualTo(Admission.COIN_ALREADY_SPENT);

		for (Ledger half : List.of(left, right)) {
			assertThat(half.chain().snapshot().tip().hash()).isEqualTo(rightNext.hash());
			assertThat(half.chain().spendOf("X", half.chain().snapshot())).contains(spendB);
			assertThat(half.mempool().contains(spendA.id())).isFalse();
			assertThat(half.mempool().contains(spendB.id())).isFalse();
		}
		assertThat(left.mempool().doubleSpendsDropped()).isEqualTo(1);
	}

	@Test
	void withTheRuleOffCoinsAreOnlyText() {
		TestChain ruleOff = new TestChain();
		Ledger plain = new Ledger(ruleOff.newBlockchain(), new Mempool(1000, 1_000_000));
		plain.submitBlock(ruleOff.block(ruleOff.genesis(), "m1", spendA));

		assertThat(plain.submitTransaction(spendB)).isEqualTo(Admission.ADDED);
		assertThat(plain.candidates(100, 1_000_000).transactions()).containsExactly(spendB);
		assertThat(plain.mempool().doubleSpendsDropped()).isZero();
	}

	/** The block the ledger's own template would make on {@code parent}. */
	private Block mine(Ledger half, Block parent, String miner) {
		Block block = blocks.block(parent, miner, parent.header().timestamp() + 1000,
				TestChain.PARAMETERS.initialTarget(), half.candidates(100, 1_000_000).transactions());
		assertThat(half.submitBlock(block)).isInstanceOf(Extended.class);
		return block;
	}

}
