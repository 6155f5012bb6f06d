package dev.minerfleet.messaging.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.minerfleet.chain.Transaction;
import dev.minerfleet.messaging.wire.Decoded.Ok;
import dev.minerfleet.messaging.wire.Decoded.Rejected;
import dev.minerfleet.testsupport.JsonMutations;

/**
 * The fast path of NEWTRX decoding accepts only what the JSON tree decoding accepts, as the same message, and leaves
 * everything else to it, so decoding answers exactly as the tree alone would.
 */
class TransactionBatchReaderTests {

	private static final int MUTATIONS_PER_SEED = 25_000;

	private static final List<Transaction> TRANSACTIONS = List.of(
			Transaction.create("alice", "bob", 5, "rent \"march\" \\ é 中 😀", 1_767_225_601_000L, "miner-3"),
			Transaction.create("bob", "carol", 0, "", 1_767_225_602_000L, "miner-2"),
			Transaction.create("carol", "dave", Long.MAX_VALUE, "tip\n\u0001", 0, "miner-4"));

	private final WireCodec wire = new WireCodec(1 << 20, 100);

	private final TransactionBatchCodec codec = new TransactionBatchCodec(wire);

	private final TransactionBatchReader reader = new TransactionBatchReader(wire);

	private final byte[] batch = codec.encode(new TransactionBatchMessage("miner-2", TRANSACTIONS));

	private final byte[] single = codec.encode(new TransactionBatchMessage("miner-3", TRANSACTIONS.subList(2, 3)));

	static Stream<Long> seeds() {
		return RandomMessages.seeds(4);
	}

	@Test
	void readsBatchesAndSingleTransactionsAsTheEncoderWritesThem() {
		assertThat(reader.read(batch)).contains(new TransactionBatchMessage("miner-2", TRANSACTIONS));
		assertThat(reader.read(single)).contains(new TransactionBatchMessage("miner-3", TRANSACTIONS.subList(2, 3)));
	}

	@Test
	void readsFieldsInAnyOrder() {
		Transaction tx = TRANSACTIONS.get(0);
		String json = "{\"transactions\":[{\"origin\":\"miner-3\",\"createdAt\":" + tx.createdAt() + ",\"payload\":"
				+ "\"rent \\\"march\\\" \\\\ é 中 😀\",\"amount\":5,\"receiver\":\"bob\",\"sender\":\"alice\",\"id\":\""
				+ tx.id().hex() + "\"}],\"sender\":\"miner-2\",\"type\":\"transactions\",\"protocol\":1}";

		assertThat(reader.read(bytes(json))).contains(new TransactionBatchMessage("miner-2", List.of(tx)));
	}

	@Test
	void leavesAFieldNamedTwiceToTheTreeWhichRejectsIt() {
		String json = text(batch).replaceFirst("\"amount\":5,", "\"amount\":5,\"amount\":5,");

		assertThat(reader.read(bytes(json))).isEmpty();
		assertThat(codec.decode(bytes(json))).isInstanceOf(Rejected.class).isEqualTo(codec.decodeByTree(bytes(json)));
	}

	@Test
	void leavesAnUnknownFieldToTheTreeWhichIgnoresIt() {
		String json = text(batch).replaceFirst("\"amount\":5,", "\"amount\":5,\"fee\":1,");

		assertThat(reader.read(bytes(json))).isEmpty();
		assertThat(codec.decode(bytes(json))).isEqualTo(new Ok<>(new TransactionBatchMessage("miner-2", TRANSACTIONS)));
	}

	@Test
	void readsAnIdThatDoesNotMatchItsTransactionAsTheTreeDoesForTheMempoolToRefuse() {
		// the wire checks an id's form, not its content: Mempool refuses it with INVALID_ID
		String json = text(single).replaceFirst("\"amount\":[0-9]+", "\"amount\":7");

		assertThat(reader.read(bytes(json))).contains(okMessage(codec.decodeByTree(bytes(json))));
	}

	@Test
	void leavesTrailingTokensAndMoreThanTheLimitOfTransactionsToTheTree() {
		String trailing = text(batch) + " {}";
		StringBuilder tooMany = new StringBuilder(
				"{\"protocol\":1,\"type\":\"transactions\",\"sender\":\"m\",\"transactions\":[");
		String one = text(single).replaceAll("^.*\"transaction\":(\\{.*\\})}$", "$1");
		for (int i = 0; i <= TransactionBatchMessage.MAX_TRANSACTIONS; i++) {
			tooMany.append(i == 0 ? "" : ",").append(one);
		}
		tooMany.append("]}");
		WireCodec roomy = new WireCodec(64 << 20, 100);

		assertThat(reader.read(bytes(trailing))).isEmpty();
		assertThat(new TransactionBatchReader(roomy).read(bytes(tooMany.toString()))).isEmpty();
		assertThat(new TransactionBatchCodec(roomy).decode(bytes(tooMany.toString()))).isInstanceOf(Rejected.class);
		String limit = tooMany.toString().replaceFirst(",\\{[^}]*\\}]}$", "]}");
		assertThat(new TransactionBatchReader(roomy).read(bytes(limit))).get()
			.extracting(message -> message.transactions().size())
			.isEqualTo(TransactionBatchMessage.MAX_TRANSACTIONS);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void decodingAnswersEveryMutantOfARealMessageExactlyAsTheTreeAloneDoes(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		JsonMutations mutations = new JsonMutations(random);
		int readFast = 0;
		for (int i = 0; i < MUTATIONS_PER_SEED; i++) {
			byte[] mutant = mutations.mutate(random.nextBoolean() ? batch : single);
			Decoded<TransactionBatchMessage> byTree = codec.decodeByTree(mutant);
			boolean fast = reader.read(mutant).isPresent();
			if (fast) {
				readFast++;
				assertThat(byTree).as("mutation %d of seed %d: %s", i, seed, HexFormat.of().formatHex(mutant))
					.isInstanceOf(Ok.class);
			}
			assertThat(codec.decode(mutant)).as("mutation %d of seed %d: %s", i, seed, HexFormat.of().formatHex(mutant))
				.isEqualTo(byTree);
		}
		assertThat(readFast).as("mutants the fast path read").isPositive();
	}

	private static TransactionBatchMessage okMessage(Decoded<TransactionBatchMessage> decoded) {
		assertThat(decoded).isInstanceOf(Ok.class);
		return ((Ok<TransactionBatchMessage>) decoded).message();
	}

	private static String text(byte[] json) {
		return new String(json, StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

}
