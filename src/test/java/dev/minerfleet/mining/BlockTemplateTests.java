package dev.minerfleet.mining;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.MerkleRoot;
import dev.minerfleet.chain.Target;
import dev.minerfleet.chain.Transaction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BlockTemplateTests {

	private static final Hash PARENT = Hash.fromHex("00000a3f19c2e0000000000000000000000000000000000000000000000000ff");

	private static final long MEDIAN = 1_767_225_700_000L;

	private final List<Transaction> transactions = List.of(
			Transaction.create("alice", "bob", 5, "rent", MEDIAN - 10, "miner-2"),
			Transaction.create("bob", "carol", 2, "", MEDIAN - 5, "miner-3"));

	private final BlockTemplate template = BlockTemplate.of(ChainParameters.defaults(), PARENT, 42,
			Target.ofLeadingZeroBits(8), MEDIAN, transactions, "miner-1");

	@Test
	void putsTheCoinbaseFirstAndCommitsTheHeaderToAllTransactions() {
		Block block = template.assemble(MEDIAN + 500, 7);

		Transaction coinbase = Transaction.coinbase("miner-1", 42, 7, MEDIAN + 500,
				ChainParameters.defaults().blockReward());
		assertThat(block.transactions()).containsExactly(coinbase, transactions.get(0), transactions.get(1));
		assertThat(block.miner()).isEqualTo("miner-1");
		assertThat(block.header().merkleRoot()).isEqualTo(MerkleRoot.of(block.transactions()));
		assertThat(block.header().previousHash()).isEqualTo(PARENT);
		assertThat(block.header().bits()).isEqualTo(Target.ofLeadingZeroBits(8).compact());
		assertThat(block.header().version()).isEqualTo(ChainParameters.defaults().version());
		assertThat(block.header().timestamp()).isEqualTo(MEDIAN + 500);
	}

	@Test
	void takesTheClockWhenItIsPastTheMedianTimePast() {
		Block block = template.assemble(InstantSource.fixed(Instant.ofEpochMilli(MEDIAN + 1_234)), 0);
		assertThat(block.header().timestamp()).isEqualTo(MEDIAN + 1_234);
	}

	@Test
	void takesOneMillisecondAfterTheMedianTimePastWhenTheClockIsBehind() {
		Block block = template.assemble(InstantSource.fixed(Instant.ofEpochMilli(MEDIAN - 60_000)), 0);
		assertThat(block.header().timestamp()).isEqualTo(MEDIAN + 1);
	}

	@Test
	void changesTheMerkleRootWithTheExtraNonce() {
		assertThat(template.assemble(MEDIAN + 1, 1).header().merkleRoot())
			.isNotEqualTo(template.assemble(MEDIAN + 1, 0).header().merkleRoot());
	}

	@Test
	void rejectsATimestampNotPastTheMedianTimePast() {
		assertThatIllegalArgumentException().isThrownBy(() -> template.assemble(MEDIAN, 0));
	}

	@Test
	void rejectsACoinbaseAmongTheTransactions() {
		List<Transaction> withCoinbase = List.of(Transaction.coinbase("miner-9", 42, 0, MEDIAN, 50));
		assertThatIllegalArgumentException().isThrownBy(() -> BlockTemplate.of(ChainParameters.defaults(), PARENT, 42,
				Target.ofLeadingZeroBits(8), MEDIAN, withCoinbase, "miner-1"));
	}

	@Test
	void rejectsTheGenesisHeight() {
		assertThatIllegalArgumentException().isThrownBy(() -> BlockTemplate.of(ChainParameters.defaults(), PARENT, 0,
				Target.ofLeadingZeroBits(8), MEDIAN, transactions, "miner-1"));
	}

}
