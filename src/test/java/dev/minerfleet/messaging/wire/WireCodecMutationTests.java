package dev.minerfleet.messaging.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.CompactBlock;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.messaging.wire.Decoded.Ok;
import dev.minerfleet.messaging.wire.Decoded.Rejected;
import dev.minerfleet.testsupport.JsonMutations;

/**
 * A seeded mutation loop: byte flips, truncations, insertions, field deletions and type swaps ({@link JsonMutations})
 * of a real encoded block, compact block and transaction never let an exception out of decoding, every rejection gives a printable
 * reason, and whatever is accepted encodes and decodes to itself. 4 seeds of 25,000 mutations each, 100,000 in all; the seed is in the case
 * name so a failure can be replayed.
 */
class WireCodecMutationTests {

	private static final int MUTATIONS_PER_SEED = 25_000;

	private static final TestChain CHAIN = new TestChain();

	private static final Block BLOCK = CHAIN.block(CHAIN.genesis(), "miner-2",
			Transaction.create("alice", "bob", 5, "rent \"march\" \\ é 中 😀", 1_767_225_601_000L, "miner-3"),
			Transaction.create("bob", "carol", 2, "", 1_767_225_602_000L, "miner-2"),
			Transaction.create("carol", "dave", 4_294_967_296L, "tip", 1_767_225_603_000L, "miner-4"));

	private static final Transaction TRANSACTION = Transaction.create("carol", "dave", 7, "tip\n\u0001", 1_767_225_603_000L,
			"miner-3");

	private final WireCodec codec = new WireCodec(1 << 20, 100);

	static Stream<Long> seeds() {
		return RandomMessages.seeds(4);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void noMutationOfARealMessageLetsAnExceptionOutOfDecoding(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		JsonMutations mutations = new JsonMutations(random);
		byte[] block = codec.encode(new BlockMessage("miner-2", BLOCK));
		byte[] transaction = codec.encode(new TransactionMessage("miner-3", TRANSACTION));
		byte[] compact = codec.encode(new CompactBlockMessage("miner-2", CompactBlock.of(BLOCK)));
		int accepted = 0;
		int rejected = 0;
		for (int i = 0; i < MUTATIONS_PER_SEED; i++) {
			int kind = random.nextInt(3);
			byte[] mutant = mutations.mutate((kind == 0) ? block : (kind == 1) ? compact : transaction);
			Decoded<?> decoded;
			try {
				decoded = (kind < 2) ? codec.decodeBlockAnnouncement(mutant) : codec.decodeTransaction(mutant);
			}
			catch (Throwable ex) {
				throw new AssertionError("mutation " + i + " of seed " + seed + " threw on "
						+ HexFormat.of().formatHex(mutant), ex);
			}
			if (decoded instanceof Rejected<?> rejection) {
				rejected++;
				assertThat(rejection.reason()).isNotBlank().doesNotContainPattern("\\p{Cntrl}");
				assertThat(rejection.sender()).matches("[A-Za-z0-9._-]{1,64}");
			}
			else {
				accepted++;
				WireMessage message = ((Ok<?>) decoded).message();
				assertThat(reencoded(message)).isEqualTo(decoded);
			}
		}
		assertThat(accepted).as("mutants accepted").isPositive();
		assertThat(rejected).as("mutants rejected").isGreaterThan(MUTATIONS_PER_SEED / 2);
	}

	private Decoded<?> reencoded(WireMessage message) {
		if (message instanceof BlockMessage blockMessage) {
			return codec.decodeBlockAnnouncement(codec.encode(blockMessage));
		}
		if (message instanceof CompactBlockMessage compactMessage) {
			return codec.decodeBlockAnnouncement(codec.encode(compactMessage));
		}
		return codec.decodeTransaction(codec.encode((TransactionMessage) message));
	}

}
