package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import nl.jqno.equalsverifier.EqualsVerifier;

/** A block's own answers: the root of its transactions, kept once computed, and equality by header and transactions. */
class BlockTests {

	private final TestChain chain = new TestChain();

	private Block blockOf(int transactions) {
		return chain.blockWithFresh("miner-1", transactions);
	}

	@Test
	void theRootOfItsTransactionsIsTheMerkleRootOfTheirIds() {
		for (int count = 0; count < 12; count++) {
			Block block = blockOf(count);
			assertThat(block.transactionsRoot()).isEqualTo(MerkleRoot.of(block.transactions()));
			assertThat(block.transactionsRoot()).isEqualTo(block.header().merkleRoot());
		}
	}

	@Test
	void aReceivedBlockWhoseHeaderTellsTheTruthKeepsOneRootNotTwo() {
		Block mined = blockOf(5);
		Block received = new Block(mined.header(), mined.transactions());

		assertThat(received.transactionsRoot()).isSameAs(received.header().merkleRoot());
	}

	@Test
	void theRootOfItsTransactionsIgnoresWhatTheHeaderClaims() {
		Block honest = blockOf(5);
		Hash lie = Hash.fromHex("ab".repeat(Hash.LENGTH));
		Block lying = new Block(honest.header().withMerkleRoot(lie), honest.transactions());

		assertThat(lying.header().merkleRoot()).isEqualTo(lie);
		assertThat(lying.transactionsRoot()).isEqualTo(MerkleRoot.of(honest.transactions()));
	}

	@Test
	void aNewHeaderKeepsTheRootOfTheSameTransactions() {
		Block block = blockOf(7);
		Hash root = block.transactionsRoot();
		Hash lie = Hash.fromHex("cd".repeat(Hash.LENGTH));

		Block relabelled = block.withHeader(block.header().withMerkleRoot(lie));

		assertThat(relabelled.transactions()).isEqualTo(block.transactions());
		assertThat(relabelled.transactionsRoot()).isEqualTo(root).isNotEqualTo(lie);
	}

	@Test
	void anAssembledBlockCommitsToItsTransactionsEvenWhenTheCallerChangesItsListAfterwards() {
		List<Transaction> txs = new ArrayList<>(List.of(chain.transaction(), chain.transaction(), chain.transaction()));
		List<Transaction> original = List.copyOf(txs);

		Block block = Block.assemble(chain.genesis().header(), txs);
		txs.set(1, chain.transaction());
		txs.add(chain.transaction());

		assertThat(block.transactions()).isEqualTo(original);
		assertThat(block.header().merkleRoot()).isEqualTo(MerkleRoot.of(original));
		assertThat(block.transactionsRoot()).isEqualTo(MerkleRoot.of(original));
	}

	@Test
	void honoursTheEqualsContractOverHeaderAndTransactionsAlone() {
		Block red = blockOf(1);
		Block blue = blockOf(2);
		EqualsVerifier.forClass(Block.class)
			.withPrefabValues(Hash.class, red.hash(), blue.hash())
			.withPrefabValues(BlockHeader.class, red.header(), blue.header())
			.withPrefabValues(Transaction.class, red.transactions().get(0), blue.transactions().get(1))
			.withIgnoredFields("transactionsRoot")
			.withNonnullFields("header", "transactions")
			.verify();
	}

}
