package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

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
		// what a lenient number parser would take: a sign, blanks, digits of other scripts
		for (String odd : new String[] { "+", "-", " ", "\u0663", "g" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> Hash.fromHex(odd + HEX.substring(1)));
			String inside = HEX.substring(0, 40) + odd + HEX.substring(41);
			assertThatIllegalArgumentException().isThrownBy(() -> Hash.fromHex(inside));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> Hash.of(new byte[31]));
	}

	@Test
	void comparesAsUnsignedBigEndianNumbers() {
		assertThat(Hash.fromHex("ff" + "0".repeat(62))).isGreaterThan(Hash.fromHex("7f" + "f".repeat(62)));
	}

	@Test
	void honoursTheEqualsContract() {
		EqualsVerifier.forClass(Hash.class).verify();
	}

	@Test
	void behavesAsItsThirtyTwoBytesWhateverTheyAre() {
		// seeded: the words must give what the bytes would, byte for byte, in every operation
		SplittableRandom random = new SplittableRandom(20261205);
		byte[] previous = new byte[Hash.LENGTH];
		for (int i = 0; i < 20_000; i++) {
			byte[] bytes = new byte[Hash.LENGTH];
			random.nextBytes(bytes);
			// zeros in front as in block hashes, and near-equal neighbours for the ordering
			Arrays.fill(bytes, 0, random.nextInt(Hash.LENGTH + 1), (byte) 0);
			if (random.nextInt(4) == 0) {
				bytes = previous.clone();
				bytes[random.nextInt(Hash.LENGTH)] ^= (byte) (1 << random.nextInt(8));
			}
			Hash hash = Hash.of(bytes);
			Hash before = Hash.of(previous);

			assertThat(hash.toByteArray()).isEqualTo(bytes);
			assertThat(hash.hex()).isEqualTo(HexFormat.of().formatHex(bytes));
			assertThat(Hash.fromHex(hash.hex().toUpperCase())).isEqualTo(hash);
			assertThat(hash.abbreviated()).isEqualTo(HexFormat.of().formatHex(bytes, 0, 6));
			assertThat(hash.leadingZeroBits()).isEqualTo(leadingZeroBits(bytes));
			assertThat(Integer.signum(hash.compareTo(before)))
				.isEqualTo(Integer.signum(Arrays.compareUnsigned(bytes, previous)));
			assertThat(hash.equals(before)).isEqualTo(Arrays.equals(bytes, previous));
			ByteBuffer littleEndian = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
			for (int offset = 0; offset < Hash.LENGTH; offset += 8) {
				assertThat(hash.littleEndianLong(offset)).isEqualTo(littleEndian.getLong(offset));
			}
			byte[] framed = new byte[Hash.LENGTH + 7];
			hash.copyTo(framed, 3);
			assertThat(Hash.of(framed, 3)).isEqualTo(hash);
			assertThat(Arrays.copyOfRange(framed, 3, 3 + Hash.LENGTH)).isEqualTo(bytes);
			previous = bytes;
		}
	}

	@Test
	void refusesToReadOrWritePastTheEndOfAnArray() {
		Hash hash = Hash.fromHex(HEX);
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> hash.copyTo(new byte[40], 9));
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> Hash.of(new byte[40], -1));
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> Hash.of(new byte[40], 9));
	}

	private static int leadingZeroBits(byte[] bytes) {
		int bits = 0;
		for (byte b : bytes) {
			for (int bit = 7; bit >= 0; bit--) {
				if ((b >> bit & 1) != 0) {
					return bits;
				}
				bits++;
			}
		}
		return bits;
	}

}
