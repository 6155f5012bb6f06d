package dev.minerfleet.messaging.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.minerfleet.chain.Hash;

/** The hand-written hex check and parsing of hashes agree with the regular expression the protocol states. */
class HashHexTests {

	static Stream<Long> seeds() {
		return RandomMessages.seeds(20);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void agreesWithTheRegularExpressionOnNearHashes(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		String alphabet = "0123456789abcdefABCDEFgxz -\u0660\uff10";
		for (int i = 0; i < 5_000; i++) {
			int length = random.nextInt(4) == 0 ? random.nextInt(70) : 64;
			StringBuilder text = new StringBuilder(length);
			for (int j = 0; j < length; j++) {
				boolean stray = random.nextInt(64) == 0;
				text.append(alphabet.charAt(stray ? random.nextInt(alphabet.length()) : random.nextInt(16)));
			}
			String candidate = text.toString();
			boolean matches = WireCodec.HASH_HEX.matcher(candidate).matches();
			assertThat(WireCodec.lowercaseHash(candidate)).as(candidate)
				.isEqualTo(matches ? Hash.fromHex(candidate) : null);
		}
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "", "0", "00000a3f", "0000031a5fa00ed01aa156ee45ea244042b6bb729306f688dac9a0baf5f7539A",
			"0000031a5fa00ed01aa156ee45ea244042b6bb729306f688dac9a0baf5f7539a0" })
	void refusesWhatIsNotSixtyFourLowercaseHexDigits(String text) {
		assertThat(WireCodec.lowercaseHash(text)).isNull();
	}

}
