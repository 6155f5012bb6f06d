package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class TransactionTests {

	@Test
	void idIsTheHashOfTheContent() {
		Transaction tx = Transaction.create("alice", "bob", 5, "hi", 1, "m1");
		assertThat(tx.hasValidId()).isTrue();
		assertThat(tx.withId(Hash.ZERO).hasValidId()).isFalse();
	}

	@Test
	void anyChangedFieldBreaksTheId() {
		Transaction tx = Transaction.create("alice", "bob", 5, "hi", 1, "m1");
		assertThat(new Transaction(tx.id(), "alicE", "bob", 5, "hi", 1, "m1").hasValidId()).isFalse();
		assertThat(new Transaction(tx.id(), "alice", "bob", 6, "hi", 1, "m1").hasValidId()).isFalse();
		assertThat(new Transaction(tx.id(), "alice", "bob", 5, "hi", 2, "m1").hasValidId()).isFalse();
		assertThat(new Transaction(tx.id(), "alice", "bob", 5, "hi", 1, "m2").hasValidId()).isFalse();
	}

	@Test
	void fieldBoundariesCannotBeShiftedToForgeTheSameId() {
		Transaction a = Transaction.create("ab", "c", 0, "", 0, "m");
		Transaction b = Transaction.create("a", "bc", 0, "", 0, "m");
		assertThat(a.id()).isNotEqualTo(b.id());
	}

	@Test
	void refusesOversizedNegativeAndMalformedFields() {
		assertThatIllegalArgumentException().isThrownBy(() -> Transaction.create("x".repeat(65), "b", 0, "", 0, "m"))
			.withMessageContaining("sender");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Transaction.create("a", "b", 0, "é".repeat(513), 0, "m"))
			.withMessageContaining("payload");
		assertThatIllegalArgumentException().isThrownBy(() -> Transaction.create("a", "b", -1, "", 0, "m"))
			.withMessageContaining("amount");
		assertThatIllegalArgumentException().isThrownBy(() -> Transaction.create("a", "b", 0, "\uD800", 0, "m"))
			.withMessageContaining("Unicode");
	}

	@Test
	void sizeIsTheLengthOfTheCanonicalBytesWhateverTheText() {
		java.util.SplittableRandom random = new java.util.SplittableRandom(17);
		String[] pieces = { "a", "é", "€", "😀", "漢", "\u007f", "\u0080", "\u07ff", "\u0800" };
		for (int n = 0; n < 1_000; n++) {
			StringBuilder payload = new StringBuilder();
			for (int k = random.nextInt(40); k > 0; k--) {
				payload.append(pieces[random.nextInt(pieces.length)]);
			}
			Transaction tx = Transaction.create("ålice", "bøb", n, payload.toString(), n, "m😀");
			assertThat(tx.size()).isEqualTo(TransactionCodec.canonicalBytes(tx).length);
		}
	}

	@Test
	void coinbaseNamesItsMiner() {
		Transaction coinbase = Transaction.coinbase("miner-7", 3, 9, 1, 50);
		assertThat(coinbase.isCoinbase()).isTrue();
		assertThat(coinbase.origin()).isEqualTo("miner-7");
		assertThat(coinbase.payload()).isEqualTo("height=3 extraNonce=9");
	}

}
