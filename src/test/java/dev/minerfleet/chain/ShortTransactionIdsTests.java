package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ShortTransactionIdsTests {

	private static final TestChain CHAIN = new TestChain();

	/** The key of the reference vectors: bytes 00 01 .. 0f. */
	private static final ShortTransactionIds REFERENCE_KEY = ShortTransactionIds.withKey(0x0706050403020100L,
			0x0f0e0d0c0b0a0908L);

	private static byte[] counting(int length) {
		byte[] message = new byte[length];
		for (int i = 0; i < length; i++) {
			message[i] = (byte) i;
		}
		return message;
	}

	@Test
	void sipHashGivesTheReferenceVectorsOfItsAuthors() {
		// vectors_sip64 of the SipHash reference implementation, read as little-endian 64-bit words
		assertThat(REFERENCE_KEY.sipHash24(counting(0))).isEqualTo(0x726fdb47dd0e0e31L);
		assertThat(REFERENCE_KEY.sipHash24(counting(1))).isEqualTo(0x74f839c593dc67fdL);
		assertThat(REFERENCE_KEY.sipHash24(counting(7))).isEqualTo(0xab0200f58b01d137L);
		assertThat(REFERENCE_KEY.sipHash24(counting(8))).isEqualTo(0x93f5f5799a932462L);
		assertThat(REFERENCE_KEY.sipHash24(counting(15))).isEqualTo(0xa129ca6149be45e5L);
		assertThat(REFERENCE_KEY.sipHash24(counting(32))).isEqualTo(0x7127512f72f27cceL);
		assertThat(REFERENCE_KEY.sipHash24(counting(63))).isEqualTo(0x958a324ceb064572L);
	}

	@Test
	void aShortIdHasSixBytes() {
		ShortTransactionIds ids = ShortTransactionIds.forHeader(CHAIN.genesis().header());
		for (int i = 0; i < 1_000; i++) {
			assertThat(ids.of(CHAIN.transaction().id()) >>> 48).isZero();
		}
	}

	@Test
	void theSameTransactionHasAnotherShortIdInAnotherBlock() {
		Block first = CHAIN.block(CHAIN.genesis(), "miner-1");
		Block second = CHAIN.block(first, "miner-1");
		Set<Boolean> same = new HashSet<>();
		for (int i = 0; i < 100; i++) {
			Hash id = CHAIN.transaction().id();
			same.add(ShortTransactionIds.forHeader(first.header()).of(id) == ShortTransactionIds
				.forHeader(second.header()).of(id));
		}
		assertThat(same).containsExactly(false);
	}

	@Test
	void theSameHeaderGivesTheSameShortIds() {
		Hash id = CHAIN.transaction().id();
		BlockHeader header = CHAIN.genesis().header();

		assertThat(ShortTransactionIds.forHeader(header).of(id)).isEqualTo(ShortTransactionIds.forHeader(header).of(id));
	}

	@Test
	void aShortIdIsTheLow48BitsOfSipHashOfTheTransactionIdsBytes() {
		ShortTransactionIds ids = ShortTransactionIds.forHeader(CHAIN.genesis().header());
		for (int i = 0; i < 100; i++) {
			Hash id = CHAIN.transaction().id();
			assertThat(ids.of(id)).isEqualTo(ids.sipHash24(id.toByteArray()) & 0xffff_ffff_ffffL);
		}
	}

}
