package dev.minerfleet.messaging.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.messaging.wire.Decoded.Ok;
import dev.minerfleet.messaging.wire.Decoded.Rejected;

/** Every kind of malformed message is rejected with a reason that names the problem, and the sender when known. */
class WireCodecRejectionTests {

	private static final TestChain CHAIN = new TestChain();

	private static final Block BLOCK = CHAIN.block(CHAIN.genesis(), "miner-2",
			Transaction.create("alice", "bob", 5, "rent", 1_767_225_601_000L, "miner-3"),
			Transaction.create("bob", "carol", 2, "", 1_767_225_602_000L, "miner-2"));

	private static final Transaction TRANSACTION = Transaction.create("carol", "dave", 7, "tip", 1_767_225_603_000L,
			"miner-3");

	private final WireCodec codec = new WireCodec(1 << 20, 100);

	private final byte[] block = codec.encode(new BlockMessage("miner-2", BLOCK));

	private final byte[] transaction = codec.encode(new TransactionMessage("miner-3", TRANSACTION));

	private String blockRejection(byte[] json) {
		Decoded<BlockMessage> decoded = codec.decodeBlock(json);
		assertThat(decoded).isInstanceOf(Rejected.class);
		return ((Rejected<BlockMessage>) decoded).reason();
	}

	private String transactionRejection(byte[] json) {
		Decoded<TransactionMessage> decoded = codec.decodeTransaction(json);
		assertThat(decoded).isInstanceOf(Rejected.class);
		return ((Rejected<TransactionMessage>) decoded).reason();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void decodesTheUntouchedMessages() {
		assertThat(codec.decodeBlock(block)).isEqualTo(new Ok<>(new BlockMessage("miner-2", BLOCK)));
		assertThat(codec.decodeTransaction(transaction))
			.isEqualTo(new Ok<>(new TransactionMessage("miner-3", TRANSACTION)));
	}

	@Test
	void rejectsAMessageLargerThanTheLimitBeforeParsingIt() {
		WireCodec small = new WireCodec(100, 100);
		byte[] notEvenJson = new byte[101];

		Decoded<BlockMessage> decoded = small.decodeBlock(notEvenJson);

		assertThat(decoded).isEqualTo(new Rejected<>("unknown", "message of 101 bytes exceeds the limit of 100 bytes"));
		assertThat(small.decodeBlock(new byte[100])).isInstanceOfSatisfying(Rejected.class,
				rejected -> assertThat(rejected.reason()).startsWith("malformed JSON"));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "", "{", "nonsense", "{\"protocol\":1,}", "{'protocol':1}", "\u00ff\u00fe" })
	void rejectsBytesThatAreNotJson(String text) {
		assertThat(blockRejection(utf8(text))).satisfiesAnyOf(reason -> assertThat(reason).startsWith("malformed JSON"),
				reason -> assertThat(reason).isEqualTo("not a JSON object"));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "[1,2]", "42", "\"block\"", "null", "true" })
	void rejectsJsonThatIsNotAnObject(String text) {
		assertThat(blockRejection(utf8(text))).isEqualTo("not a JSON object");
	}

	@Test
	void rejectsContentAfterTheObject() {
		byte[] json = utf8(new String(block, StandardCharsets.UTF_8) + " {}");

		assertThat(blockRejection(json)).startsWith("malformed JSON");
	}

	@Test
	void rejectsDuplicateKeys() {
		String text = new String(transaction, StandardCharsets.UTF_8).replace("\"amount\":7", "\"amount\":7,\"amount\":700");

		assertThat(transactionRejection(utf8(text))).startsWith("malformed JSON").contains("amount");
	}

	@Test
	void rejectsNestingDeeperThanAnyMessage() {
		String deep = "[".repeat(100) + "]".repeat(100);
		String text = new String(transaction, StandardCharsets.UTF_8).replace("{\"protocol\":1",
				"{\"extra\":" + deep + ",\"protocol\":1");

		assertThat(transactionRejection(utf8(text))).startsWith("malformed JSON").contains("depth");
	}

	@Test
	void rejectsAnUnknownProtocolVersionNamingTheSender() {
		Decoded<BlockMessage> decoded = codec.decodeBlock(JsonEdit.of(block).set("protocol", 2).bytes());

		assertThat(decoded).isEqualTo(new Rejected<>("miner-2", "unsupported protocol version 2, this miner speaks 1"));
	}

	@Test
	void rejectsAMessageOfTheOtherType() {
		assertThat(blockRejection(transaction)).isEqualTo("type is \"transaction\", expected \"block\"");
		assertThat(transactionRejection(block)).isEqualTo("type is \"block\", expected \"transaction\"");
	}

	static Stream<String> blockFields() {
		return Stream.of("protocol", "type", "sender", "block", "block.hash", "block.version", "block.previousHash",
				"block.merkleRoot", "block.timestamp", "block.bits", "block.nonce", "block.miner", "block.transactions",
				"block.transactions[1].id", "block.transactions[1].sender", "block.transactions[1].receiver",
				"block.transactions[1].amount", "block.transactions[1].payload", "block.transactions[1].createdAt",
				"block.transactions[1].origin");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("blockFields")
	void rejectsAMissingField(String field) {
		assertThat(blockRejection(JsonEdit.of(block).remove(field).bytes())).isEqualTo("missing field " + field);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("blockFields")
	void rejectsNullInAnyField(String field) {
		byte[] json = JsonEdit.of(block).set(field, JsonEdit.NODES.nullNode()).bytes();

		assertThat(blockRejection(json)).isEqualTo(field + " must not be null");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "protocol", "block.version", "block.timestamp", "block.nonce",
			"block.transactions[1].amount", "block.transactions[1].createdAt" })
	void rejectsNumbersWrittenAsStrings(String field) {
		JsonEdit edit = JsonEdit.of(block);
		byte[] json = edit.set(field, edit.get(field).asString()).bytes();

		assertThat(blockRejection(json)).isEqualTo(field + " must be an integer, got a string");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "block.hash", "block.bits", "block.miner", "block.transactions[1].sender",
			"block.transactions[1].payload", "type", "sender" })
	void rejectsNumbersWhereStringsBelong(String field) {
		byte[] json = JsonEdit.of(block).set(field, 12).bytes();

		assertThat(blockRejection(json)).isEqualTo(field + " must be a string, got an integer");
	}

	@Test
	void rejectsOtherJsonTypesForObjectsArraysAndNumbers() {
		assertThat(blockRejection(JsonEdit.of(block).set("block", "{}").bytes()))
			.isEqualTo("block must be an object, got a string");
		assertThat(blockRejection(JsonEdit.of(block).set("block.transactions", JsonEdit.NODES.objectNode()).bytes()))
			.isEqualTo("block.transactions must be an array, got an object");
		JsonEdit edit = JsonEdit.of(block);
		edit.array("block.transactions").set(1, JsonEdit.NODES.booleanNode(true));
		assertThat(blockRejection(edit.bytes())).isEqualTo("block.transactions[1] must be an object, got a boolean");
		assertThat(blockRejection(JsonEdit.of(block).set("block.nonce", JsonEdit.NODES.booleanNode(false)).bytes()))
			.isEqualTo("block.nonce must be an integer, got a boolean");
		assertThat(blockRejection(JsonEdit.of(block).set("block.timestamp", JsonEdit.NODES.arrayNode()).bytes()))
			.isEqualTo("block.timestamp must be an integer, got an array");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "7.0", "7.5", "7e0", "-0.0" })
	void rejectsFractionalNumbersForIntegers(String number) {
		String text = new String(transaction, StandardCharsets.UTF_8).replace("\"amount\":7", "\"amount\":" + number);

		assertThat(transactionRejection(utf8(text)))
			.isEqualTo("transaction.amount must be an integer, got a fractional number");
	}

	@Test
	void rejectsNumbersOutOfRange() {
		BigInteger twoTo64 = BigInteger.ONE.shiftLeft(64);
		assertThat(blockRejection(JsonEdit.of(block).set("block.nonce", -1).bytes()))
			.isEqualTo("block.nonce must lie in 0..4294967295, got -1");
		assertThat(blockRejection(JsonEdit.of(block).set("block.nonce", 1L << 32).bytes()))
			.isEqualTo("block.nonce must lie in 0..4294967295, got 4294967296");
		assertThat(blockRejection(JsonEdit.of(block).set("block.version", -1).bytes()))
			.isEqualTo("block.version must lie in 0..4294967295, got -1");
		assertThat(blockRejection(JsonEdit.of(block).set("block.timestamp", JsonEdit.NODES.numberNode(twoTo64)).bytes()))
			.isEqualTo("block.timestamp is out of the 64-bit range");
		String huge = new String(transaction, StandardCharsets.UTF_8).replace("\"amount\":7",
				"\"amount\":" + "9".repeat(60));
		assertThat(transactionRejection(utf8(huge))).startsWith("malformed JSON").contains("Number value length");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "ABCDEF", "", "00", "zz" })
	void rejectsHashesThatAreNot64LowercaseHexDigits(String variant) {
		JsonEdit edit = JsonEdit.of(block);
		String hash = edit.get("block.previousHash").asString();
		String bad = variant.equals("ABCDEF") ? hash.toUpperCase() : variant.equals("zz") ? "zz" + hash.substring(2)
				: hash.substring(0, variant.length());

		assertThat(blockRejection(edit.set("block.previousHash", bad).bytes()))
			.isEqualTo("block.previousHash must be 64 lowercase hex digits");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "1F0FFFFF", "1f0fff", "1f0fffff0", "0x1f0fff", " 1f0ffff" })
	void rejectsBitsThatAreNotEightLowercaseHexDigits(String bits) {
		assertThat(blockRejection(JsonEdit.of(block).set("block.bits", bits).bytes()))
			.isEqualTo("block.bits must be 8 lowercase hex digits");
	}

	@Test
	void rejectsABlockWhoseHashDoesNotMatchItsHeader() {
		JsonEdit edit = JsonEdit.of(block);
		byte[] json = edit.set("block.timestamp", edit.get("block.timestamp").asLong() + 1).bytes();

		assertThat(blockRejection(json)).startsWith("block.hash " + BLOCK.hash().abbreviated())
			.contains("does not match the header, which hashes to ");
	}

	@Test
	void rejectsABlockWhoseMinerIsNotTheOneTheCoinbaseNames() {
		assertThat(blockRejection(JsonEdit.of(block).set("block.miner", "miner-9").bytes()))
			.isEqualTo("block.miner is \"miner-9\" but the coinbase names \"miner-2\"");
	}

	@Test
	void rejectsMoreTransactionsThanTheLimit() {
		WireCodec strict = new WireCodec(1 << 20, 2);

		Decoded<BlockMessage> decoded = strict.decodeBlock(block);

		assertThat(decoded).isEqualTo(
				new Rejected<>("miner-2", "block.transactions holds 3 transactions, more than the limit of 2"));
	}

	@Test
	void rejectsTransactionsTheTransactionRecordRefuses() {
		assertThat(transactionRejection(JsonEdit.of(transaction).set("transaction.amount", -7).bytes()))
			.isEqualTo("transaction: amount must not be negative, got -7");
		assertThat(transactionRejection(JsonEdit.of(transaction).set("transaction.createdAt", -1).bytes()))
			.isEqualTo("transaction: createdAt must not be negative, got -1");
		assertThat(transactionRejection(JsonEdit.of(transaction).set("transaction.payload", "x".repeat(1025)).bytes()))
			.isEqualTo("transaction: payload exceeds 1024 UTF-8 bytes");
		assertThat(transactionRejection(JsonEdit.of(transaction).set("transaction.receiver", "é".repeat(33)).bytes()))
			.isEqualTo("transaction: receiver exceeds 64 UTF-8 bytes");
		String loneSurrogate = new String(transaction, StandardCharsets.UTF_8).replace("\"sender\":\"carol\"",
				"\"sender\":\"car\\ud800ol\"");
		assertThat(transactionRejection(utf8(loneSurrogate)))
			.isEqualTo("transaction: sender is not well-formed Unicode");
		assertThat(blockRejection(JsonEdit.of(block).set("block.transactions[2].amount", -2).bytes()))
			.isEqualTo("block.transactions[2]: amount must not be negative, got -2");
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "", "miner 1", "miner/1", "mïner", "m\nx" })
	void rejectsASenderThatIsNotAMinerId(String sender) {
		Decoded<TransactionMessage> decoded = codec.decodeTransaction(JsonEdit.of(transaction).set("sender", sender).bytes());

		assertThat(decoded).isEqualTo(
				new Rejected<>("unknown", "sender is not a miner id (1 to 64 letters, digits, '.', '-' or '_')"));
	}

	@Test
	void rejectsASenderLongerThan64Characters() {
		Decoded<TransactionMessage> decoded = codec
			.decodeTransaction(JsonEdit.of(transaction).set("sender", "m".repeat(65)).bytes());

		assertThat(decoded).isInstanceOfSatisfying(Rejected.class,
				rejected -> assertThat(rejected.sender()).isEqualTo("unknown"));
	}

	@Test
	void namesTheSenderOfAnOtherwiseMalformedMessage() {
		Decoded<BlockMessage> decoded = codec.decodeBlock(JsonEdit.of(block).remove("block.nonce").bytes());

		assertThat(decoded).isEqualTo(new Rejected<>("miner-2", "missing field block.nonce"));
	}

	@Test
	void keepsRejectionReasonsToOneShortPrintableLine() {
		String type = "evil\nINFO forged log line\u0000" + "x".repeat(1000);

		String reason = blockRejection(JsonEdit.of(block).set("type", type).bytes());

		assertThat(reason).startsWith("type is \"evil?INFO forged log line?xxx")
			.hasSize(Rejected.MAX_REASON_LENGTH)
			.doesNotContain("\n", "\u0000");
	}

	@Test
	void ignoresUnknownFieldsAtEveryLevel() {
		JsonEdit edit = JsonEdit.of(block)
			.set("compactRelay", JsonEdit.NODES.objectNode().put("shortIds", "later"))
			.set("block.height", 1)
			.set("block.transactions[0].fee", JsonEdit.NODES.arrayNode().add(1).add("two"));

		assertThat(codec.decodeBlock(edit.bytes())).isEqualTo(new Ok<>(new BlockMessage("miner-2", BLOCK)));
	}

	@Test
	void keepsATransactionIdThatDoesNotMatchItsContentForTheChainToJudge() {
		String otherId = "00".repeat(32);

		Decoded<TransactionMessage> decoded = codec
			.decodeTransaction(JsonEdit.of(transaction).set("transaction.id", otherId).bytes());

		assertThat(decoded).isInstanceOfSatisfying(Ok.class, ok -> {
			Transaction tx = ((TransactionMessage) ok.message()).transaction();
			assertThat(tx.id().hex()).isEqualTo(otherId);
			assertThat(tx.hasValidId()).isFalse();
		});
	}

}
