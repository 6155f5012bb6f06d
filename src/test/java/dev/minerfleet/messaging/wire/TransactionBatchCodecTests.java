package dev.minerfleet.messaging.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.minerfleet.chain.Transaction;
import dev.minerfleet.chain.VerifiedTransactions;
import dev.minerfleet.messaging.wire.Decoded.Ok;
import dev.minerfleet.messaging.wire.Decoded.Rejected;

/**
 * The batched NEWTRX message: both forms decode, batches round-trip, and every kind of malformed batch is rejected
 * with a reason that names the problem, and the sender when known.
 */
class TransactionBatchCodecTests {

	private static final Transaction FIRST = Transaction.create("alice", "bob", 5, "rent", 1_767_225_601_000L,
			"miner-3");

	private static final Transaction SECOND = Transaction.create("bob", "carol", 2, "", 1_767_225_602_000L, "miner-2");

	private static final Transaction THIRD = Transaction.create("carol", "dave", 7, "tip", 1_767_225_603_000L,
			"miner-3");

	private final WireCodec wire = new WireCodec(1 << 20, 100);

	private final TransactionBatchCodec codec = new TransactionBatchCodec(wire);

	private final byte[] batch = codec
		.encode(new TransactionBatchMessage("miner-3", List.of(FIRST, SECOND, THIRD)));

	private String rejection(byte[] json) {
		Decoded<TransactionBatchMessage> decoded = codec.decode(json);
		assertThat(decoded).isInstanceOf(Rejected.class);
		return ((Rejected<TransactionBatchMessage>) decoded).reason();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void cutsTransactionsIntoBatchesOfAtMostTheLimitInCountAndBytesKeepingTheirOrder() {
		List<Transaction> many = new ArrayList<>();
		for (int i = 0; i < TransactionBatchMessage.MAX_TRANSACTIONS + 3; i++) {
			many.add(Transaction.create("alice", "bob", 1 + i, "#" + i, 1_767_225_601_000L + i, "miner-3"));
		}

		// a codec that reads messages of up to 16 MiB, so that it decodes a batch of the most transactions
		TransactionBatchCodec large = new TransactionBatchCodec(new WireCodec(16 << 20, 100));

		List<TransactionBatchCodec.EncodedBatch> byCount = large.encodeInBatches("miner-3", many, Long.MAX_VALUE);
		List<TransactionBatchCodec.EncodedBatch> byBytes = large.encodeInBatches("miner-3", many.subList(0, 50), 2_000);

		assertThat(byCount).extracting(batch -> batch.transactions().size())
			.containsExactly(TransactionBatchMessage.MAX_TRANSACTIONS, 3);
		assertThat(byBytes).hasSizeGreaterThan(1)
			.allSatisfy(batch -> assertThat(batch.payload().length).isLessThanOrEqualTo(2_000));
		for (List<TransactionBatchCodec.EncodedBatch> batches : List.of(byCount, byBytes)) {
			List<Transaction> decoded = new ArrayList<>();
			for (TransactionBatchCodec.EncodedBatch batch : batches) {
				List<Transaction> carried = ((Ok<TransactionBatchMessage>) large.decode(batch.payload())).message()
					.transactions();
				assertThat(carried).isEqualTo(batch.transactions());
				decoded.addAll(carried);
			}
			assertThat(decoded).isEqualTo(many.subList(0, decoded.size()));
		}
		assertThat(byBytes.stream().mapToInt(batch -> batch.transactions().size()).sum()).isEqualTo(50);
	}

	@Test
	void leavesATransactionTooLargeToFitAloneInAnOversizedMessageForItsCallerToRefuse() {
		List<TransactionBatchCodec.EncodedBatch> batches = codec.encodeInBatches("miner-3", List.of(FIRST, SECOND), 10);

		assertThat(batches).extracting(TransactionBatchCodec.EncodedBatch::transactions)
			.containsExactly(List.of(FIRST), List.of(SECOND));
		assertThat(batches).allSatisfy(batch -> assertThat(batch.payload().length).isGreaterThan(10));
	}

	static Stream<Long> seeds() {
		return RandomMessages.seeds(100);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void decodesEveryEncodedBatchToAnEqualOne(long seed) {
		RandomMessages random = new RandomMessages(new SplittableRandom(seed));
		SplittableRandom sizes = new SplittableRandom(seed);
		List<Transaction> transactions = new ArrayList<>();
		int count = 1 + sizes.nextInt(sizes.nextBoolean() ? 5 : 200);
		for (int i = 0; i < count; i++) {
			transactions.add(random.transactionMessage().transaction());
		}
		TransactionBatchMessage message = new TransactionBatchMessage(random.minerId(), transactions);

		assertThat(codec.decode(codec.encode(message))).isEqualTo(new Ok<>(message));
	}

	@Test
	void aSecondMinerDecodingABatchTheFirstCheckedGetsTheCheckedInstancesAndALookalikeKeepsItsOwn() {
		Transaction fresh = Transaction.create("erin", "frank", 3, "heard by two miners", 1_767_225_604_000L,
				"miner-3");
		byte[] message = codec.encode(new TransactionBatchMessage("miner-3", List.of(fresh, SECOND)));
		List<Transaction> first = ((Ok<TransactionBatchMessage>) codec.decode(message)).message().transactions();
		assertThat(first.get(0)).isNotSameAs(fresh).isEqualTo(fresh);
		assertThat(VerifiedTransactions.verify(first.get(0))).isTrue();

		List<Transaction> second = ((Ok<TransactionBatchMessage>) codec.decode(message)).message().transactions();
		assertThat(second.get(0)).isSameAs(first.get(0));

		byte[] lookalike = utf8(new String(message, StandardCharsets.UTF_8).replace("\"amount\":3", "\"amount\":4"));
		Transaction forged = ((Ok<TransactionBatchMessage>) codec.decode(lookalike)).message().transactions().get(0);
		assertThat(forged.id()).isEqualTo(fresh.id());
		assertThat(forged).isNotSameAs(first.get(0));
		assertThat(VerifiedTransactions.verify(forged)).isFalse();
	}

	@Test
	void writesABatchOfSeveralAsOneMessageOfTypeTransactions() {
		assertThat(new String(batch, StandardCharsets.UTF_8))
			.startsWith("{\"protocol\":1,\"type\":\"transactions\",\"sender\":\"miner-3\",\"transactions\":[{\"id\":\""
					+ FIRST.id().hex() + "\",\"sender\":\"alice\"");
		assertThat(codec.decode(batch))
			.isEqualTo(new Ok<>(new TransactionBatchMessage("miner-3", List.of(FIRST, SECOND, THIRD))));
	}

	@Test
	void writesABatchOfOneInTheSingleTransactionFormEveryMinerReads() {
		byte[] one = codec.encode(new TransactionBatchMessage("miner-3", List.of(THIRD)));

		assertThat(one).isEqualTo(wire.encode(new TransactionMessage("miner-3", THIRD)));
		assertThat(wire.decodeTransaction(one)).isEqualTo(new Ok<>(new TransactionMessage("miner-3", THIRD)));
	}

	@Test
	void readsASingleTransactionMessageAsABatchOfOne() {
		byte[] single = wire.encode(new TransactionMessage("miner-2", SECOND));

		assertThat(codec.decode(single))
			.isEqualTo(new Ok<>(new TransactionBatchMessage("miner-2", List.of(SECOND))));
	}

	@Test
	void aMinerThatReadsOnlySingleTransactionsRejectsABatchByItsType() {
		assertThat(wire.decodeTransaction(batch)).isEqualTo(
				new Rejected<>("miner-3", "type is \"transactions\", expected \"transaction\""));
	}

	@Test
	void rejectsEveryOtherType() {
		assertThat(rejection(JsonEdit.of(batch).set("type", "block").bytes()))
			.isEqualTo("type is \"block\", expected \"transaction\" or \"transactions\"");
	}

	@Test
	void rejectsAMessageLargerThanTheLimitBeforeParsingIt() {
		TransactionBatchCodec small = new TransactionBatchCodec(new WireCodec(100, 100));

		assertThat(small.decode(new byte[101]))
			.isEqualTo(new Rejected<>("unknown", "message of 101 bytes exceeds the limit of 100 bytes"));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "", "[", "nonsense", "[1,2]", "null" })
	void rejectsWhatIsNotAJsonObject(String text) {
		assertThat(rejection(utf8(text))).satisfiesAnyOf(reason -> assertThat(reason).startsWith("malformed JSON"),
				reason -> assertThat(reason).isEqualTo("not a JSON object"));
	}

	@Test
	void rejectsAnEmptyBatch() {
		byte[] json = JsonEdit.of(batch).set("transactions", JsonEdit.NODES.arrayNode()).bytes();

		assertThat(codec.decode(json))
			.isEqualTo(new Rejected<>("miner-3", "transactions must hold at least one transaction"));
	}

	@Test
	void rejectsABatchOfMoreThanTheLimit() {
		JsonEdit edit = JsonEdit.of(batch);
		var array = edit.array("transactions");
		var one = array.get(0);
		array.removeAll();
		for (int i = 0; i <= TransactionBatchMessage.MAX_TRANSACTIONS; i++) {
			array.add(one);
		}

		TransactionBatchCodec roomy = new TransactionBatchCodec(new WireCodec(4 << 20, 100));

		assertThat(roomy.decode(edit.bytes())).isEqualTo(new Rejected<>("miner-3", "transactions holds 10001 transactions, more than the limit of "
				+ TransactionBatchMessage.MAX_TRANSACTIONS));
	}

	@Test
	void refusesToBuildAnEmptyOrOversizedBatch() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TransactionBatchMessage("miner-1", List.of()))
			.withMessage("a batch holds 1 to 10000 transactions, got 0");
	}

	@Test
	void rejectsAnythingButAnArrayOfTransactionObjects() {
		assertThat(rejection(JsonEdit.of(batch).remove("transactions").bytes())).isEqualTo("missing field transactions");
		assertThat(rejection(JsonEdit.of(batch).set("transactions", JsonEdit.NODES.nullNode()).bytes()))
			.isEqualTo("transactions must not be null");
		assertThat(rejection(JsonEdit.of(batch).set("transactions", JsonEdit.NODES.objectNode()).bytes()))
			.isEqualTo("transactions must be an array, got an object");
		JsonEdit edit = JsonEdit.of(batch);
		edit.array("transactions").set(1, JsonEdit.NODES.stringNode("{}"));
		assertThat(rejection(edit.bytes())).isEqualTo("transactions[1] must be an object, got a string");
	}

	static Stream<String> transactionFields() {
		return Stream.of("id", "sender", "receiver", "amount", "payload", "createdAt", "origin");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("transactionFields")
	void rejectsABatchOneOfWhoseTransactionsLacksAField(String field) {
		assertThat(rejection(JsonEdit.of(batch).remove("transactions[2]." + field).bytes()))
			.isEqualTo("missing field transactions[2]." + field);
	}

	@Test
	void rejectsWrongTypesOutOfRangeNumbersAndBadTextInAnyTransaction() {
		JsonEdit edit = JsonEdit.of(batch);
		assertThat(rejection(edit.set("transactions[1].amount", edit.get("transactions[1].amount").asString()).bytes()))
			.isEqualTo("transactions[1].amount must be an integer, got a string");
		assertThat(rejection(JsonEdit.of(batch).set("transactions[0].amount", -1).bytes()))
			.isEqualTo("transactions[0]: amount must not be negative, got -1");
		assertThat(rejection(JsonEdit.of(batch).set("transactions[0].id", "ABC").bytes()))
			.isEqualTo("transactions[0].id must be 64 lowercase hex digits");
		assertThat(rejection(JsonEdit.of(batch).set("transactions[2].payload", "x".repeat(1025)).bytes()))
			.isEqualTo("transactions[2]: payload exceeds 1024 UTF-8 bytes");
	}

	@Test
	void rejectsDuplicateKeysAndTrailingContent() {
		String text = new String(batch, StandardCharsets.UTF_8);
		assertThat(rejection(utf8(text.replace("\"amount\":7", "\"amount\":7,\"amount\":8"))))
			.startsWith("malformed JSON");
		assertThat(rejection(utf8(text + " {}"))).startsWith("malformed JSON");
	}

	@Test
	void rejectsAnUnknownProtocolOrAnInvalidSenderAndKeepsUnknownMembers() {
		assertThat(codec.decode(JsonEdit.of(batch).set("protocol", 2).bytes()))
			.isEqualTo(new Rejected<>("miner-3", "unsupported protocol version 2, this miner speaks 1"));
		assertThat(codec.decode(JsonEdit.of(batch).set("sender", "miner 3").bytes())).isEqualTo(
				new Rejected<>("unknown", "sender is not a miner id (1 to 64 letters, digits, '.', '-' or '_')"));
		assertThat(codec.decode(JsonEdit.of(batch).set("later", "field").set("transactions[0].fee", 3).bytes()))
			.isEqualTo(codec.decode(batch));
	}

}
