package dev.minerfleet.messaging.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.minerfleet.chain.Transaction;
import dev.minerfleet.messaging.wire.Decoded.Ok;
import dev.minerfleet.messaging.wire.Decoded.Rejected;
import dev.minerfleet.testsupport.JsonMutations;

/**
 * A seeded mutation loop over a real encoded batch and a real single-transaction message ({@link JsonMutations}):
 * no mutant lets an exception out of {@link TransactionBatchCodec#decode}, every rejection gives a printable reason,
 * and whatever is accepted encodes and decodes to itself. 4 seeds of 25,000 mutations each; the seed is in the case
 * name so a failure can be replayed.
 */
class TransactionBatchCodecMutationTests {

	private static final int MUTATIONS_PER_SEED = 25_000;

	private static final List<Transaction> TRANSACTIONS = List.of(
			Transaction.create("alice", "bob", 5, "rent \"march\" \\ é 中 😀", 1_767_225_601_000L, "miner-3"),
			Transaction.create("bob", "carol", 2, "", 1_767_225_602_000L, "miner-2"),
			Transaction.create("carol", "dave", 4_294_967_296L, "tip\n\u0001", 1_767_225_603_000L, "miner-4"));

	private final TransactionBatchCodec codec = new TransactionBatchCodec(new WireCodec(1 << 20, 100));

	static Stream<Long> seeds() {
		return RandomMessages.seeds(4);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void noMutationOfARealMessageLetsAnExceptionOutOfDecoding(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		JsonMutations mutations = new JsonMutations(random);
		byte[] batch = codec.encode(new TransactionBatchMessage("miner-2", TRANSACTIONS));
		byte[] single = codec.encode(new TransactionBatchMessage("miner-3", TRANSACTIONS.subList(2, 3)));
		int accepted = 0;
		int rejected = 0;
		for (int i = 0; i < MUTATIONS_PER_SEED; i++) {
			byte[] mutant = mutations.mutate(random.nextBoolean() ? batch : single);
			Decoded<TransactionBatchMessage> decoded;
			try {
				decoded = codec.decode(mutant);
			}
			catch (Throwable ex) {
				throw new AssertionError(
						"mutation " + i + " of seed " + seed + " threw on " + HexFormat.of().formatHex(mutant), ex);
			}
			if (decoded instanceof Rejected<TransactionBatchMessage> rejection) {
				rejected++;
				assertThat(rejection.reason()).isNotBlank().doesNotContainPattern("\\p{Cntrl}");
				assertThat(rejection.sender()).matches("[A-Za-z0-9._-]{1,64}");
			}
			else {
				accepted++;
				TransactionBatchMessage message = ((Ok<TransactionBatchMessage>) decoded).message();
				assertThat(codec.decode(codec.encode(message))).isEqualTo(decoded);
			}
		}
		assertThat(accepted).as("mutants accepted").isPositive();
		assertThat(rejected).as("mutants rejected").isGreaterThan(MUTATIONS_PER_SEED / 2);
	}

}
