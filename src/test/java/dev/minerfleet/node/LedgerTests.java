package dev.minerfleet.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.AddResult.Rejected;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.chain.validation.Violation.Reason;
import dev.minerfleet.mempool.Mempool;

/** The ledger as the node builds it: a chain whose validator trusts the ids its mempool checked. */
class LedgerTests {

	private final TestChain blocks = new TestChain();

	private final Ledger ledger = Ledger.create(TestChain.PARAMETERS, new Mempool(1000, 1_000_000), TestChain.CLOCK);

	@Test
	void acceptsABlockOfThePendingTransactionsThemselves() {
		Transaction pending = blocks.transaction();
		ledger.submitTransaction(pending);

		AddResult result = ledger.submitBlock(blocks.block(blocks.genesis(), "m1", pending));

		assertThat(result).isInstanceOf(AddResult.Extended.class);
		assertThat(ledger.mempool().size()).isZero();
	}

	@Test
	void rejectsABlockWhoseTransactionOnlyBorrowsThePendingOnesIdAndKeepsThePendingOne() {
		Transaction pending = blocks.transaction();
		ledger.submitTransaction(pending);
		Transaction lookalike = new Transaction(pending.id(), pending.sender(), "mallory", pending.amount(),
				pending.payload(), pending.createdAt(), pending.origin());
		Block forged = blocks.block(blocks.genesis(), "m1", lookalike);

		AddResult result = ledger.submitBlock(forged);

		assertThat(result).isInstanceOfSatisfying(Rejected.class,
				rejected -> assertThat(rejected.violation().reason()).isEqualTo(Reason.TRANSACTION_ID));
		assertThat(ledger.mempool().holds(pending)).isTrue();
	}

}
