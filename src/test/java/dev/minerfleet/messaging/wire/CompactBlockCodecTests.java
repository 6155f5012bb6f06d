package dev.minerfleet.messaging.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.CompactBlock;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.messaging.wire.Decoded.Ok;
import dev.minerfleet.messaging.wire.Decoded.Rejected;
import tools.jackson.databind.node.ArrayNode;

/** The compact block message on NEWBLOCK, and the transaction request and answer of compact block relay on SYNC. */
class CompactBlockCodecTests {

	private static final TestChain CHAIN = new TestChain();

	private static final Block BLOCK = CHAIN.block(CHAIN.genesis(), "miner-2",
			Transaction.create("alice", "bob", 5, "rent", 1_767_225_601_000L, "miner-3"),
			Transaction.create("bob", "carol", 2, "", 1_767_225_602_000L, "miner-2"),
			Transaction.create("carol", "dave", 9, "tip", 1_767_225_603_000L, "miner-4"));

	private final WireCodec codec = new WireCodec(1 << 20, 100);

	private final SyncCodec syncCodec = new SyncCodec(codec);

	private final byte[] compact = codec.encode(new CompactBlockMessage("miner-2", CompactBlock.of(BLOCK)));

	private String rejection(byte[] json) {
		Decoded<BlockAnnouncement> decoded = codec.decodeBlockAnnouncement(json);
		assertThat(decoded).isInstanceOf(Rejected.class);
		return ((Rejected<BlockAnnouncement>) decoded).reason();
	}

	private String syncRejection(byte[] json) {
		Decoded<SyncMessage> decoded = syncCodec.decode(json);
		assertThat(decoded).isInstanceOf(Rejected.class);
		return ((Rejected<SyncMessage>) decoded).reason();
	}

	@Test
	void aCompactBlockEncodesAndDecodesToItself() {
		CompactBlockMessage message = new CompactBlockMessage("miner-2", CompactBlock.of(BLOCK));

		assertThat(codec.decodeBlockAnnouncement(codec.encode(message))).isEqualTo(new Ok<>(message));
	}

	@Test
	void theBlockTopicStillTakesWholeBlocks() {
		BlockMessage message = new BlockMessage("miner-2", BLOCK);

		assertThat(codec.decodeBlockAnnouncement(codec.encode(message))).isEqualTo(new Ok<>(message));
	}

	@Test
	void aCompactBlockOfManyTransactionsTakesAboutEightBytesATransactionOnTheWire() {
		Transaction[] txs = new Transaction[1_000];
		for (int i = 0; i < txs.length; i++) {
			txs[i] = CHAIN.transaction();
		}
		Block big = CHAIN.block(CHAIN.genesis(), "miner-2", txs);

		int whole = codec.encode(new BlockMessage("miner-2", big)).length;
		int compactSize = codec.encode(new CompactBlockMessage("miner-2", CompactBlock.of(big))).length;

		assertThat(compactSize).isBetween(8 * 1_000, 8 * 1_000 + 1_000);
		assertThat(whole).isGreaterThan(20 * compactSize);
	}

	@Test
	void bothFormsCarryTheWorkTheirSenderClaimsAndDecodeWithoutAnyFromASenderThatClaimsNone() {
		Optional<BigInteger> work = Optional.of(new BigInteger("1f00000000a5", 16));
		CompactBlockMessage compactWithWork = new CompactBlockMessage("miner-2", CompactBlock.of(BLOCK), work);
		BlockMessage wholeWithWork = new BlockMessage("miner-2", BLOCK, work);

		assertThat(new String(codec.encode(compactWithWork), UTF_8)).contains("\"work\":\"1f00000000a5\"");
		assertThat(codec.decodeBlockAnnouncement(codec.encode(compactWithWork))).isEqualTo(new Ok<>(compactWithWork));
		assertThat(codec.decodeBlockAnnouncement(codec.encode(wholeWithWork))).isEqualTo(new Ok<>(wholeWithWork));
		assertThat(new String(compact, UTF_8)).doesNotContain("work");
		assertThat(codec.decodeBlockAnnouncement(compact)).isInstanceOfSatisfying(Ok.class,
				ok -> assertThat(((BlockAnnouncement) ok.message()).work()).isEmpty());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			"\"\"     | work is not 1 to 80 lowercase hex digits",
			"\"12G4\" | work is not 1 to 80 lowercase hex digits",
			"\"-5\"   | work is not 1 to 80 lowercase hex digits",
			"\"ABCD\" | work is not 1 to 80 lowercase hex digits",
			"4660     | work must be a string, got an integer",
			"null     | work must not be null" })
	void rejectsWorkThatIsNotLowercaseHex(String work, String reason) {
		byte[] json = new String(compact, UTF_8).replaceFirst("\"sender\":\"miner-2\"",
				"\"sender\":\"miner-2\",\"work\":" + work).getBytes(UTF_8);

		assertThat(rejection(json)).isEqualTo(reason);
	}

	@Test
	void rejectsAHashThatDoesNotMatchTheHeader() {
		byte[] json = JsonEdit.of(compact).set("block.nonce", BLOCK.header().nonce() + 1L).bytes();

		assertThat(rejection(json)).startsWith("block.hash ").contains("does not match the header");
	}

	@Test
	void rejectsACompactBlockThatDoesNotStartWithTheCoinbase() {
		byte[] json = JsonEdit.of(compact).set("block.prefilled[0].index", 1).bytes();

		assertThat(rejection(json)).isEqualTo("block.prefilled must start with the coinbase at index 0");
	}

	@Test
	void rejectsAMinerTheCoinbaseDoesNotName() {
		byte[] json = JsonEdit.of(compact).set("block.miner", "miner-9").bytes();

		assertThat(rejection(json)).isEqualTo("block.miner is \"miner-9\" but the coinbase names \"miner-2\"");
	}

	@Test
	void rejectsShortIdsThatDoNotMatchTheTransactionCount() {
		byte[] json = JsonEdit.of(compact).set("block.transactionCount", 5).bytes();

		assertThat(rejection(json)).isEqualTo("block.shortIds holds 18 bytes, expected 4 short ids of 6 bytes");
	}

	@Test
	void rejectsShortIdsThatAreNotBase64() {
		byte[] json = JsonEdit.of(compact).set("block.shortIds", "not base64!").bytes();

		assertThat(rejection(json)).startsWith("block.shortIds is not base64");
	}

	@ParameterizedTest(name = "transactionCount {0}")
	@ValueSource(longs = { 0, -1, 101, 1L << 40 })
	void rejectsATransactionCountOutsideTheLimit(long count) {
		byte[] json = JsonEdit.of(compact).set("block.transactionCount", count).bytes();

		assertThat(rejection(json)).isEqualTo("block.transactionCount must lie in 1..100, got " + count);
	}

	@Test
	void rejectsPrefilledIndexesThatDoNotAscend() {
		JsonEdit edit = JsonEdit.of(compact);
		ArrayNode prefilled = (ArrayNode) edit.get("block.prefilled");
		prefilled.add(prefilled.get(0).deepCopy());

		assertThat(rejection(edit.bytes())).isEqualTo("block.prefilled[1].index must lie in 1..3, got 0");
	}

	@Test
	void aTransactionRequestAndItsAnswerEncodeAndDecodeToThemselves() {
		GetBlockTransactionsMessage request = new GetBlockTransactionsMessage("miner-1", BLOCK.hash(), List.of(1, 3));
		BlockTransactionsMessage answer = new BlockTransactionsMessage("miner-2", BLOCK.hash(), List.of(1, 3),
				List.of(BLOCK.transactions().get(1), BLOCK.transactions().get(3)));

		assertThat(syncCodec.decode(syncCodec.encode(request))).isEqualTo(new Ok<>(request));
		assertThat(syncCodec.decode(syncCodec.encode(answer))).isEqualTo(new Ok<>(answer));
	}

	@Test
	void rejectsIndexesThatDoNotAscendOrLieBeyondTheLimit() {
		byte[] request = syncCodec.encode(new GetBlockTransactionsMessage("miner-1", BLOCK.hash(), List.of(1, 3)));
		String json = new String(request, UTF_8);

		assertThat(syncRejection(json.replace("[1,3]", "[3,1]").getBytes(UTF_8)))
			.isEqualTo("indexes[1] must lie in 4..99, got 1");
		assertThat(syncRejection(json.replace("[1,3]", "[1,100]").getBytes(UTF_8)))
			.isEqualTo("indexes[1] must lie in 2..99, got 100");
		assertThat(syncRejection(json.replace("[1,3]", "[1,\"3\"]").getBytes(UTF_8)))
			.isEqualTo("indexes[1] must be an integer, got a string");
	}

	@Test
	void rejectsAnAnswerWithMoreOrFewerTransactionsThanIndexes() {
		byte[] answer = syncCodec.encode(new BlockTransactionsMessage("miner-2", BLOCK.hash(), List.of(1, 3),
				List.of(BLOCK.transactions().get(1), BLOCK.transactions().get(3))));
		String json = new String(answer, UTF_8);

		assertThat(syncRejection(json.replace("[1,3]", "[1]").getBytes(UTF_8)))
			.isEqualTo("transactions holds 2 transactions for 1 indexes");
	}

}
