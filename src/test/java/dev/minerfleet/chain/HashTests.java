package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

import nl.jqno.equalsverifier.EqualsVerifier;

class HashTests {

	private static final String HEX = "00000a0ef2087163d30f15334104084b315cc40b8d74ee11d1412998c4305897";

	@Test
	void printsTheHexItWasParsedFrom() {
		assertThat(Hash.fromHex(HEX).hex()).isEqualTo(HEX);
		assertThat(Hash.fromHex(HEX.toUpperCase()).hex()).isEqualTo(HEX);
	}

	@Test
	void abbreviatesToTwelveHexDigits() {
		assertThat(Hash.fromHex(HEX).abbreviated()).isEqualTo("00000a0ef208");
	}

	@Test
	void countsLeadingZeroBits() {
		assertThat(Hash.fromHex(HEX).leadingZeroBits()).isEqualTo(20);
		assertThat(Hash.ZERO.leadingZeroBits()).isEqualTo(256);
		assertThat(Hash.fromHex("8" + "0".repeat(63)).leadingZeroBits()).isZero();
	}

	@Test
	void keepsItsOwnCopyOfTheBytes() {
		byte[] bytes = new byte[32];
		Hash hash = Hash.of(bytes);
		bytes[0] = 1;
		hash.toByteArray()[1] = 1;
		assertThat(hash).isEqualTo(Hash.ZERO);
	}

	@Test
	void refusesAnythingButSixtyFourHexDigits() {
		assertThatIllegalArgumentException().isThrownBy(() -> Hash.fromHex("abc"));
		assertThatIllegalArgumentException().isThrownBy(() -> Hash.fromHex("zz" + HEX.substring(2)));
		assertThatIllegalArgumentException().isThrownBy(() -> Hash.of(new byte[31]));
	}

	@Test
	void comparesAsUnsignedBigEndianNumbers() {
		assertThat(Hash.fromHex("ff" + "0".repeat(62))).isGreaterThan(Hash.fromHex("7f" + "f".repeat(62)));
	}

	@Test
	void honoursTheEqualsContract() {
		byte[] red = new byte[Hash.LENGTH];
		byte[] blue = new byte[Hash.LENGTH];
		red[31] = 1;
		blue[0] = 2;
		// a hash always holds 32 bytes, which its hash code reads as four longs
		EqualsVerifier.forClass(Hash.class)
			.withPrefabValues(byte[].class, red, blue)
			.withNonnullFields("bytes")
			.withCachedHashCode("hashCode", "computeHashCode", Hash.fromHex(HEX))
			.verify();
	}

}
