package dev.minerfleet.messaging.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.minerfleet.messaging.wire.Decoded.Ok;

/**
 * decode(encode(x)) equals x, over random messages. Each case is seeded and the seed is in its name: to replay a
 * failure, run the case with that seed.
 */
class WireCodecRoundTripTests {

	private final WireCodec codec = new WireCodec(64L << 20, WireCodec.DEFAULT_MAX_TRANSACTIONS);

	static Stream<Long> seeds() {
		return RandomMessages.seeds(200);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void decodesEveryEncodedTransactionToAnEqualOne(long seed) {
		RandomMessages random = new RandomMessages(new SplittableRandom(seed));
		for (int i = 0; i < 20; i++) {
			TransactionMessage message = random.transactionMessage();

			Decoded<TransactionMessage> decoded = codec.decodeTransaction(codec.encode(message));

			assertThat(decoded).isEqualTo(new Ok<>(message));
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void decodesEveryEncodedBlockToAnEqualOne(long seed) {
		RandomMessages random = new RandomMessages(new SplittableRandom(seed));
		BlockMessage message = random.blockMessage(30);

		Decoded<BlockMessage> decoded = codec.decodeBlock(codec.encode(message));

		assertThat(decoded).isEqualTo(new Ok<>(message));
		assertThat(((Ok<BlockMessage>) decoded).message().block().hash()).isEqualTo(message.block().hash());
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void encodesEqualMessagesToTheSameBytes(long seed) {
		BlockMessage message = new RandomMessages(new SplittableRandom(seed)).blockMessage(5);
		BlockMessage copy = ((Ok<BlockMessage>) codec.decodeBlock(codec.encode(message))).message();

		assertThat(codec.encode(copy)).isEqualTo(codec.encode(message));
	}

}
