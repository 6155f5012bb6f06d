package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Vectors computed outside Java, with Python's hashlib and struct over the layout docs/protocol.md
 * describes; docs/protocol.md quotes the same numbers.
 */
class KnownAnswerTests {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void transactionCanonicalBytesAndIdMatchTheProtocolDocument() {
		Transaction tx = Transaction.create("alice", "bob", 42, "coffee", 1_767_225_600_000L, "miner-1");
		assertThat(HEX.formatHex(TransactionCodec.canonicalBytes(tx))).isEqualTo(
				"0005616c6963650003626f62000000000000002a0006636f666665650000019b76daa80000076d696e65722d31");
		assertThat(tx.id().hex()).isEqualTo("a0ef2087163d30f15334104084b315cc40b8d74ee11d1412998c4305897b9e0c");
		assertThat(tx.size()).isEqualTo(TransactionCodec.canonicalBytes(tx).length);
	}

	@Test
	void headerEncodesToEightyFourBytesAndHashesTwice() {
		BlockHeader header = new BlockHeader(1, Hash.fromHex("11".repeat(32)), Hash.fromHex("22".repeat(32)),
				1_767_225_601_234L, 0x1d00ffff, 0xdeadbeef);
		byte[] bytes = HeaderCodec.encode(header);
		assertThat(HEX.formatHex(bytes)).isEqualTo("00000001" + "11".repeat(32) + "22".repeat(32)
				+ "0000019b76daacd2" + "1d00ffff" + "deadbeef");
		assertThat(header.hash().hex()).isEqualTo("bfb169f014a7875cf06ed1e64e16f06fdc9409e84e6885e62664cdc0a23945a1");
		assertThat(HeaderCodec.decode(bytes)).isEqualTo(header);
	}

	@Test
	void merkleRootOfThreeIdsPairsTheLastWithItself() {
		List<Transaction> txs = List.of(tx(0), tx(1), tx(2));
		assertThat(txs).extracting(t -> t.id().hex())
			.containsExactly("9aad0e79b7ef6f5de9f471da02c29b3ea069eae2dd780c19f0c59092a99556d1",
					"c080cbdac5a5ce2e286e16e8e09350bb0db973c29c32301a09a9c0d56579a743",
					"8cb1f757bd24759fe1fea5a82dd0aa17de85692849699ee85c9986910ce42faf");
		assertThat(MerkleRoot.of(txs).hex())
			.isEqualTo("e9d0dbe2ec5c96193d7b5297ab743e5bf19c42d8ead1b3201ddc6c1732bc0319");
	}

	@Test
	void genesisBlockOfTheDefaultParametersIsFixed() {
		Block genesis = ChainParameters.defaults().genesisBlock();
		assertThat(genesis.transactions().get(0).id().hex())
			.isEqualTo("897d933e5ea835f94fc497f0649c47baa2bc140ecf3ec0ed30830c5b71060bed");
		assertThat(genesis.header().bits()).isEqualTo(0x1f00ffff);
		assertThat(genesis.hash().hex()).isEqualTo("0283e3da87d0a99067a6cad8d35b78caa164c247e33c8c05edd197c6e38b9acb");
		assertThat(ChainParameters.defaults().genesisBlock()).isEqualTo(genesis);
	}

	@Test
	void genesisBlockAtTwentyBitsIsFixed() {
		Block genesis = ChainParameters.defaults().withInitialTarget(Target.ofLeadingZeroBits(20)).genesisBlock();
		assertThat(genesis.header().bits()).isEqualTo(0x1e0fffff);
		assertThat(genesis.hash().hex()).isEqualTo("fb77c8867266809edb2284aca87f83c5d11cee24425a859fea6a41d419df0d57");
	}

	private static Transaction tx(int i) {
		return Transaction.create("a", "b", i, "p" + i, 1000 + i, "m");
	}

}
