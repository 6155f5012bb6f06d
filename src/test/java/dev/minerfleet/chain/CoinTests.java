package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The coin a transaction spends lives in its payload's {@code coin:<id>} marker, and the double-spend
 * rule is a consensus setting.
 */
class CoinTests {

	@ParameterizedTest(name = "''{0}'' spends {1}")
	@CsvSource({ "coin:X, X", "'coin:a.b_c-9 rent for March', a.b_c-9", "'coin:x  two spaces', x" })
	void readsTheCoinFromAPayloadThatStartsWithTheMarker(String payload, String coin) {
		Transaction tx = Transaction.create("alice", "bob", 1, payload, 1, "test");
		assertThat(tx.coin()).contains(coin);
	}

	@ParameterizedTest(name = "''{0}''")
	@ValueSource(strings = { "", "coin:", "coin: x", " coin:x", "Coin:x", "coin:x!", "coins:x", "rent coin:x",
			"coin:é" })
	void findsNoCoinInAPayloadWithoutAWellFormedMarker(String payload) {
		assertThat(Transaction.create("alice", "bob", 1, payload, 1, "test").coin()).isEmpty();
	}

	@Test
	void acceptsCoinIdsOfUpTo64Characters() {
		assertThat(Transaction.coinOf("coin:" + "a".repeat(64))).contains("a".repeat(64));
		assertThat(Transaction.coinOf("coin:" + "a".repeat(65))).isEmpty();
	}

	@Test
	void aCoinbaseSpendsNoCoin() {
		Transaction coinbase = Transaction.create(Transaction.COINBASE_SENDER, "m", 50, "coin:x", 1, "m");
		assertThat(coinbase.coin()).isEmpty();
	}

	@Test
	void writesTheMarkerBeforeTheNoteAndLeavesTheIdAHashOfTheCanonicalBytes() {
		String payload = Transaction.coinPayload("X", "rent");
		assertThat(payload).isEqualTo("coin:X rent");
		assertThat(Transaction.coinPayload("X", "")).isEqualTo("coin:X");
		Transaction tx = Transaction.create("alice", "bob", 1, payload, 1, "test");
		assertThat(tx.id()).isEqualTo(Sha256.sha256(TransactionCodec.canonicalBytes(tx)));
		assertThatIllegalArgumentException().isThrownBy(() -> Transaction.coinPayload("a b", ""));
	}

	@Test
	void consensusHashLeavesTheRuleOutWhileOffAndTellsTheSettingsApartWhenOn() {
		ChainParameters off = ChainParameters.defaults();
		// the bytes the hash covered before the rule existed: block logs written then must still open
		ByteBuffer before = ByteBuffer.allocate(52);
		before.putInt(off.version())
			.putLong(off.genesisTimestamp())
			.putInt(off.initialTarget().compact())
			.putInt(off.retargetInterval())
			.putLong(off.targetBlockInterval().toMillis())
			.putInt(off.maxBlockTransactions())
			.putLong(off.maxBlockBytes())
			.putInt(off.medianTimeSpan())
			.putLong(off.blockReward());
		assertThat(off.consensusHash()).isEqualTo(Sha256.sha256(before.array()));
		assertThat(off.withDoubleSpendRule(true).consensusHash()).isNotEqualTo(off.consensusHash());
		assertThat(off.withDoubleSpendRule(true).genesisBlock()).isEqualTo(off.genesisBlock());
	}

}
