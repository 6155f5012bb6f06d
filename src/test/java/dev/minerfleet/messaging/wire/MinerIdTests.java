package dev.minerfleet.messaging.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written check of miner ids agrees with the regular expression the protocol states. */
class MinerIdTests {

	static Stream<Long> seeds() {
		return RandomMessages.seeds(20);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void agreesWithTheRegularExpressionOnNearMinerIds(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		String allowed = "ABCXYZabcxyz0189._-";
		String stray = " /:@[]`{}~\u00e9\u0660\uff10\u0000\n+";
		for (int i = 0; i < 5_000; i++) {
			int length = random.nextInt(8) == 0 ? 60 + random.nextInt(10) : random.nextInt(12);
			StringBuilder text = new StringBuilder(length);
			for (int j = 0; j < length; j++) {
				String alphabet = random.nextInt(32) == 0 ? stray : allowed;
				text.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			String candidate = text.toString();
			assertThat(WireCodec.isMinerId(candidate)).as(candidate)
				.isEqualTo(WireCodec.MINER_ID.matcher(candidate).matches());
		}
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "", "miner 1", "miner/1", "miner-1\n", "m\u00e9" })
	void refusesWhatIsNotOneToSixtyFourLettersDigitsDotsDashesOrUnderscores(String text) {
		assertThat(WireCodec.isMinerId(text)).isFalse();
	}

	@Test
	void takesSixtyFourCharactersButNotSixtyFive() {
		assertThat(WireCodec.isMinerId("m".repeat(64))).isTrue();
		assertThat(WireCodec.isMinerId("m".repeat(65))).isFalse();
	}

}
