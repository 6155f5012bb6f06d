package dev.minerfleet.chain.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.AddResult.Rejected;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Target;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.chain.validation.Violation.Reason;

/**
 * Every rejection reason, each produced by a block built to trigger it, on a chain of three blocks
 * that the invalid block must leave untouched. The chain has the optional double-spend rule on;
 * its second block spends coin {@value #SPENT_COIN}.
 */
class BlockValidationTests {

	private static final String SPENT_COIN = "spent-coin";

	private static final TestChain fixture = new TestChain(
			TestChain.PARAMETERS.withBlockLimits(4, 1_000).withDoubleSpendRule(true));

	private static final List<Block> base = baseWithACoinSpent();

	private static List<Block> baseWithACoinSpent() {
		Block b1 = fixture.block(fixture.genesis(), "m1", fixture.transaction());
		Block b2 = fixture.block(b1, "m1", fixture.spend(SPENT_COIN));
		Block b3 = fixture.block(b2, "m1", fixture.transaction());
		return List.of(b1, b2, b3);
	}

	private static final Block tip = base.get(2);

	static Stream<Arguments> invalidBlocks() {
		long now = TestChain.CLOCK.millis();
		return Stream.of(
				invalid(Reason.MALFORMED, "unknown version",
						() -> remine(valid(), h -> new BlockHeader(99, h.previousHash(), h.merkleRoot(), h.timestamp(),
								h.bits(), 0))),
				invalid(Reason.MALFORMED, "no transactions",
						() -> TestChain.mine(new Block(valid().header(), List.of()))),
				invalid(Reason.MALFORMED, "bits not a target", () -> {
					Block valid = valid();
					BlockHeader h = valid.header();
					return valid.withHeader(
							new BlockHeader(h.version(), h.previousHash(), h.merkleRoot(), h.timestamp(), 0x1d80ffff, 0));
				}),
				invalid(Reason.PROOF_OF_WORK, "nonce misses the target", () -> TestChain.withFailingNonce(valid())),
				invalid(Reason.WRONG_TARGET, "easier target than the chain expects",
						() -> fixture.block(tip, "m2", tip.header().timestamp() + 1000, Target.ofLeadingZeroBits(1),
								List.of())),
				invalid(Reason.MERKLE_ROOT, "root of other transactions",
						() -> remine(valid(), h -> h.withMerkleRoot(Hash.fromHex("ab".repeat(32))))),
				invalid(Reason.TRANSACTION_ID, "id not the hash of the content",
						() -> withTransactions(List.of(fixture.transaction().withId(Hash.fromHex("cd".repeat(32)))))),
				invalid(Reason.DUPLICATE_TRANSACTION, "same transaction twice", () -> {
					Transaction tx = fixture.transaction();
					return withTransactions(List.of(tx, tx));
				}),
				invalid(Reason.TRANSACTION_ALREADY_CONFIRMED, "transaction of an ancestor",
						() -> withTransactions(List.of(base.get(0).transactions().get(1)))),
				invalid(Reason.DOUBLE_SPEND, "two spends of one coin in the block",
						() -> withTransactions(List.of(fixture.spend("fresh-coin"), fixture.spend("fresh-coin")))),
				invalid(Reason.DOUBLE_SPEND, "a spend of a coin an ancestor spent",
						() -> withTransactions(List.of(fixture.spend(SPENT_COIN)))),
				invalid(Reason.TIMESTAMP_TOO_OLD, "timestamp at the median time past",
						() -> fixture.block(tip, "m2", base.get(0).header().timestamp() + 1000,
								TestChain.PARAMETERS.initialTarget(), List.of())),
				invalid(Reason.TIMESTAMP_TOO_FAR_IN_FUTURE, "three hours ahead of the clock",
						() -> fixture.block(tip, "m2", now + Duration.ofHours(3).toMillis(),
								TestChain.PARAMETERS.initialTarget(), List.of())),
				invalid(Reason.TOO_MANY_TRANSACTIONS, "five transactions where four fit",
						() -> withTransactions(List.of(fixture.transaction(), fixture.transaction(),
								fixture.transaction(), fixture.transaction()))),
				invalid(Reason.TOO_MANY_BYTES, "a kilobyte payload where a kilobyte fits",
						() -> withTransactions(
								List.of(Transaction.create("a", "b", 1, "x".repeat(1000), 1, "test")))),
				invalid(Reason.BAD_COINBASE, "no coinbase first",
						() -> rebuild(List.of(fixture.transaction(), valid().transactions().get(0)))),
				invalid(Reason.BAD_COINBASE, "two coinbases", () -> rebuild(List.of(valid().transactions().get(0),
						Transaction.coinbase("m3", 4, 1, 1, TestChain.PARAMETERS.blockReward())))),
				invalid(Reason.BAD_COINBASE, "coinbase paying too much", () -> rebuild(
						List.of(Transaction.coinbase("m3", 4, 1, 1, 1_000_000), fixture.transaction()))));
	}

	private static Arguments invalid(Reason reason, String how, BlockFactory factory) {
		return Arguments.of(reason, Named.of(how, factory));
	}

	@ParameterizedTest(name = "{0} when {1}")
	@MethodSource("invalidBlocks")
	void rejectsBlockBuiltToBreakOneRuleAndKeepsTheTip(Reason reason, BlockFactory factory) {
		Blockchain chain = chainWithBase();
		ChainSnapshot before = chain.snapshot();

		AddResult result = chain.add(factory.build());

		assertThat(result).isInstanceOfSatisfying(Rejected.class,
				rejected -> assertThat(rejected.violation().reason()).isEqualTo(reason));
		assertThat(chain.snapshot().tip()).isEqualTo(before.tip());
		assertThat(chain.find(result instanceof Rejected r ? r.hash() : null)).isEmpty();
	}

	@Test
	void acceptsTheValidBlockTheInvalidOnesAreMadeFrom() {
		Blockchain chain = chainWithBase();
		assertThat(chain.add(valid())).isInstanceOf(AddResult.Extended.class);
	}

	@Test
	void rejectsAnOrphanThatFailsItsOwnRulesInsteadOfPoolingIt() {
		Blockchain chain = fixture.newBlockchain();
		AddResult result = chain.add(TestChain.withFailingNonce(base.get(1)));
		assertThat(result).isInstanceOf(Rejected.class);
		assertThat(chain.orphanCount()).isZero();
	}

	@Test
	void rejectsEvenAnOrphanClaimingATargetEasierThanTheChainsLimit() {
		// 12 bits to start: the chain's easiest target is 256 times easier, 4 bits
		TestChain hard = new TestChain(TestChain.PARAMETERS.withInitialTarget(Target.ofLeadingZeroBits(12)));
		Blockchain chain = hard.newBlockchain();
		Block unknownParent = hard.block(hard.genesis(), "m1");
		Block cheap = hard.block(unknownParent, "evil", unknownParent.header().timestamp() + 1000,
				Target.ofLeadingZeroBits(2), List.of());

		AddResult result = chain.add(cheap);

		assertThat(result).isInstanceOfSatisfying(Rejected.class, rejected -> {
			assertThat(rejected.violation().reason()).isEqualTo(Reason.WRONG_TARGET);
			assertThat(rejected.violation().detail()).contains("limit");
		});
		assertThat(chain.orphanCount()).isZero();
	}

	private static Blockchain chainWithBase() {
		Blockchain chain = fixture.newBlockchain();
		base.forEach(chain::add);
		assertThat(chain.snapshot().height()).isEqualTo(3);
		return chain;
	}

	private static Block valid() {
		return fixture.block(tip, "m2", fixture.transaction());
	}

	private static Block withTransactions(List<Transaction> transactions) {
		return fixture.block(tip, "m2", tip.header().timestamp() + 1000, TestChain.PARAMETERS.initialTarget(),
				transactions);
	}

	/** Other transactions under a header that commits to them and meets its target. */
	private static Block rebuild(List<Transaction> transactions) {
		return TestChain.mine(Block.assemble(valid().header(), transactions));
	}

	private static Block remine(Block block, Function<BlockHeader, BlockHeader> change) {
		return TestChain.mine(block.withHeader(change.apply(block.header())));
	}

	@FunctionalInterface
	interface BlockFactory {

		Block build();

	}

	static List<Reason> allReasons() {
		return new ArrayList<>(List.of(Reason.values()));
	}

	@Test
	void takesTheIdOfATransactionCheckedBeforeAsCheckedAndHashesEveryOther() {
		Transaction mislabelled = fixture.transaction().withId(Hash.fromHex("cd".repeat(32)));
		Block block = withTransactions(List.of(mislabelled));
		Transaction equalCopy = mislabelled.withId(mislabelled.id());
		Blockchain trusting = fixture.newBlockchain(tx -> tx == mislabelled);
		Blockchain other = fixture.newBlockchain(tx -> tx == equalCopy);
		base.forEach(trusting::add);
		base.forEach(other::add);

		assertThat(trusting.add(block)).as("the predicate vouches for this very object")
			.isInstanceOf(AddResult.Extended.class);
		assertThat(other.add(block)).as("an equal copy vouches for nothing")
			.isInstanceOfSatisfying(Rejected.class,
					rejected -> assertThat(rejected.violation().reason()).isEqualTo(Reason.TRANSACTION_ID));
	}

	@Test
	void everyReasonHasABlockThatTriggersIt() {
		List<Reason> covered = invalidBlocks().map(arguments -> (Reason) arguments.get()[0]).toList();
		assertThat(covered).containsAll(allReasons());
	}

	@Test
	void acceptsSpendsOfOneCoinOnTwoBranches() {
		Blockchain chain = chainWithBase();
		// genesis - b1 - b2(spends) - b3
		//             \- side(spends again): another branch, not a double spend
		Block side = fixture.block(base.get(0), "m2", fixture.spend(SPENT_COIN));
		assertThat(chain.add(side)).isInstanceOf(AddResult.SideChain.class);
	}

	@Test
	void acceptsDoubleSpendsWhileTheRuleIsOff() {
		TestChain ruleOff = new TestChain(TestChain.PARAMETERS.withBlockLimits(4, 1_000));
		Blockchain chain = ruleOff.newBlockchain();
		Block spends = ruleOff.block(ruleOff.genesis(), "m1", ruleOff.spend("c"));
		Block spendsTwice = ruleOff.block(spends, "m1", ruleOff.spend("c"), ruleOff.spend("c"));
		assertThat(chain.add(spends)).isInstanceOf(AddResult.Extended.class);
		assertThat(chain.add(spendsTwice)).isInstanceOf(AddResult.Extended.class);
	}

	@Test
	void findsTheSpendOfACoinOnTheActiveChainOnly() {
		Blockchain chain = chainWithBase();
		Block side = fixture.block(base.get(0), "m2", fixture.spend("side-coin"));
		chain.add(side);
		ChainSnapshot view = chain.snapshot();
		assertThat(chain.spendingBlock(SPENT_COIN, view)).map(block -> block.hash()).contains(base.get(1).hash());
		assertThat(chain.spendOf(SPENT_COIN, view)).contains(base.get(1).transactions().get(1));
		assertThat(chain.spendingBlock("side-coin", view)).isEmpty();
		assertThat(chain.spendingBlock("never-spent", view)).isEmpty();
	}

}
