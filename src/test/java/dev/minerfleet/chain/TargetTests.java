package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetTests {

	@Test
	void decodesBitcoinsGenesisBits() {
		Target target = Target.fromCompact(0x1d00ffff);
		assertThat(target.value()).isEqualTo(BigInteger.valueOf(0xffff).shiftLeft(8 * 26));
		assertThat(target.leadingZeroBits()).isEqualTo(32);
	}

	@ParameterizedTest(name = "{0} leading zero bits")
	@ValueSource(ints = { 0, 1, 4, 8, 16, 20, 24, 31, 32, 33, 64, 200, 240 })
	void leadingZeroBitsSettingGuaranteesThatManyZeros(int bits) {
		Target target = Target.ofLeadingZeroBits(bits);
		assertThat(target.leadingZeroBits()).isEqualTo(bits);
		assertThat(Target.fromCompact(target.compact())).isEqualTo(target);
		// the largest hash the target allows has exactly that many leading zeros
		byte[] largest = new byte[32];
		byte[] raw = target.value().toByteArray();
		int copy = Math.min(raw.length, 32);
		System.arraycopy(raw, raw.length - copy, largest, 32 - copy, copy);
		assertThat(Hash.of(largest).leadingZeroBits()).isEqualTo(bits);
	}

	@Test
	void comparesRawBytesInclusively() {
		Target target = Target.ofLeadingZeroBits(16);
		byte[] atTarget = new byte[32];
		byte[] raw = target.value().toByteArray();
		System.arraycopy(raw, raw.length - 30, atTarget, 2, 30);
		assertThat(target.isMetBy(atTarget)).isTrue();
		atTarget[31]++;
		assertThat(target.isMetBy(atTarget)).isFalse();
		assertThat(target.isMetBy(Hash.ZERO)).isTrue();
		assertThat(target.isMetBy(Hash.fromHex("0001" + "0".repeat(60)))).isFalse();
	}

	@Test
	void refusesNegativeZeroOverflowingAndNonCanonicalCompactForms() {
		assertThatIllegalArgumentException().isThrownBy(() -> Target.fromCompact(0x1d80ffff)).withMessageContaining("negative");
		assertThatIllegalArgumentException().isThrownBy(() -> Target.fromCompact(0x1d000000)).withMessageContaining("zero");
		assertThatIllegalArgumentException().isThrownBy(() -> Target.fromCompact(0x2200ffff)).withMessageContaining("2^256");
		assertThatIllegalArgumentException().isThrownBy(() -> Target.fromCompact(0x1e0000ff)).withMessageContaining("non-canonical");
	}

	@Test
	void workIsTheExpectedNumberOfHashes() {
		assertThat(Target.ofLeadingZeroBits(20).work()).isGreaterThanOrEqualTo(BigInteger.ONE.shiftLeft(20));
		assertThat(Target.ofLeadingZeroBits(20).work().bitLength()).isEqualTo(21);
		assertThat(Target.EASIEST.work()).isEqualTo(BigInteger.ONE);
		assertThat(Target.ofLeadingZeroBits(20).difficultyBits()).isBetween(20.0, 20.001);
	}

}
