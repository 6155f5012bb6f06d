package dev.minerfleet.messaging.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.messaging.wire.Decoded.Ok;
import dev.minerfleet.messaging.wire.Decoded.Rejected;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The catch-up sync messages: round trips, every limit, and replies cut to the message size. */
class SyncCodecTests {

	private static final TestChain CHAIN = new TestChain();

	private static final List<Block> BLOCKS = CHAIN.blocks(CHAIN.genesis(), "miner-1", 12);

	private static final List<Hash> LOCATOR = List.of(BLOCKS.get(3).hash(), BLOCKS.get(1).hash(),
			CHAIN.genesis().hash());

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WireCodec wire = new WireCodec(1 << 20, 100);

	private final SyncCodec codec = new SyncCodec(wire);

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] json) {
		return new String(json, StandardCharsets.UTF_8);
	}

	private String rejection(byte[] json) {
		Decoded<SyncMessage> decoded = codec.decode(json);
		assertThat(decoded).isInstanceOf(Rejected.class);
		return ((Rejected<SyncMessage>) decoded).reason();
	}

	private String request(String members) {
		return "{\"protocol\":1,\"type\":\"getblocks\",\"sender\":\"miner-2\",\"requestId\":\"r1\"," + members + "}";
	}

	@Test
	void writesTheRequestAsDocumented() {
		byte[] json = codec.encode(new GetBlocksMessage("miner-2", "5f0c3a9e1b7d2c48", LOCATOR, 500));

		assertThat(text(json)).isEqualTo("{\"protocol\":1,\"type\":\"getblocks\",\"sender\":\"miner-2\","
				+ "\"requestId\":\"5f0c3a9e1b7d2c48\",\"locator\":[\"" + LOCATOR.get(0).hex() + "\",\""
				+ LOCATOR.get(1).hex() + "\",\"" + LOCATOR.get(2).hex() + "\"],\"max\":500}");
	}

	@Test
	void writesEachBlockOfAReplyExactlyAsABlockMessageWritesItsBlock() {
		byte[] reply = codec.encode(new BlocksMessage("miner-1", "r1", BLOCKS.subList(0, 2), true));

		JsonNode root = JSON.readTree(reply);
		assertThat(root.get("protocol").asInt()).isEqualTo(1);
		assertThat(root.get("type").asString()).isEqualTo("blocks");
		assertThat(root.get("sender").asString()).isEqualTo("miner-1");
		assertThat(root.get("requestId").asString()).isEqualTo("r1");
		assertThat(root.get("more").asBoolean()).isTrue();
		for (int i = 0; i < 2; i++) {
			JsonNode block = JSON.readTree(wire.encode(new BlockMessage("miner-1", BLOCKS.get(i)))).get("block");
			assertThat(root.get("blocks").get(i)).isEqualTo(block);
		}
	}

	@Test
	void decodesWhatItEncodes() {
		GetBlocksMessage request = new GetBlocksMessage("miner-2", "a.B-c_9", LOCATOR, 1);
		GetBlocksMessage emptyLocator = new GetBlocksMessage("miner-2", "r", List.of(), Integer.MAX_VALUE);
		BlocksMessage reply = new BlocksMessage("miner-1", "a.B-c_9", BLOCKS, false);
		BlocksMessage empty = new BlocksMessage("miner-1", "r", List.of(), true);

		for (SyncMessage message : List.of(request, emptyLocator, reply, empty)) {
			byte[] json = (message instanceof GetBlocksMessage get) ? codec.encode(get)
					: codec.encode((BlocksMessage) message);
			assertThat(codec.decode(json)).isEqualTo(new Ok<>(message));
		}
	}

	@Test
	void decodesTheTipsItEncodes() {
		TipMessage genesis = new TipMessage("miner-1", 0, LOCATOR.get(0), BigInteger.ONE);
		TipMessage far = new TipMessage("miner-2", Integer.MAX_VALUE, LOCATOR.get(0), BigInteger.TWO.pow(300).subtract(BigInteger.ONE));

		for (TipMessage tip : List.of(genesis, far)) {
			assertThat(codec.decode(codec.encode(tip))).isEqualTo(new Ok<>(tip));
		}
		assertThat(new String(codec.encode(genesis), StandardCharsets.UTF_8)).isEqualTo(
				"{\"protocol\":1,\"type\":\"tip\",\"sender\":\"miner-1\",\"height\":0,\"hash\":\""
						+ LOCATOR.get(0).hex() + "\",\"work\":\"1\"}");
	}

	@Test
	void rejectsTipsWithABadHeightHashOrWork() {
		String tip = "{\"protocol\":1,\"type\":\"tip\",\"sender\":\"miner-1\",\"height\":%s,\"hash\":%s,\"work\":%s}";
		String hash = "\"" + LOCATOR.get(0).hex() + "\"";

		assertThat(rejection(utf8(tip.formatted("-1", hash, "\"1\"")))).isEqualTo("height must lie in 0..2147483647, got -1");
		assertThat(rejection(utf8(tip.formatted("2147483648", hash, "\"1\""))))
			.isEqualTo("height must lie in 0..2147483647, got 2147483648");
		assertThat(rejection(utf8(tip.formatted("1", "\"abc\"", "\"1\"")))).isEqualTo("hash must be 64 lowercase hex digits");
		assertThat(rejection(utf8(tip.formatted("1", hash, "\"1F\""))))
			.isEqualTo("work is not 1 to 80 lowercase hex digits");
		assertThat(rejection(utf8(tip.formatted("1", hash, "\"\"")))).isEqualTo("work is not 1 to 80 lowercase hex digits");
		assertThat(rejection(utf8(tip.formatted("1", hash, "\"" + "f".repeat(81) + "\""))))
			.isEqualTo("work is not 1 to 80 lowercase hex digits");
		assertThat(rejection(utf8(tip.formatted("1", hash, "16")))).isEqualTo("work must be a string, got an integer");
	}

	static List<Long> seeds() {
		return RandomMessages.seeds(10).toList();
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void decodesRandomBlocksItEncodes(long seed) {
		RandomMessages random = new RandomMessages(new SplittableRandom(seed));
		List<Block> blocks = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			blocks.add(random.block(20));
		}
		BlocksMessage reply = new BlocksMessage(random.minerId(), "r" + seed, blocks, seed % 2 == 0);

		assertThat(new SyncCodec(new WireCodec(16 << 20, 100_000)).decode(codec.encode(reply)))
			.isEqualTo(new Ok<>(reply));
	}

	@Test
	void acceptsALocatorOf101HashesAndRejectsOneOf102() {
		List<Hash> longest = Collections.nCopies(101, CHAIN.genesis().hash());
		byte[] accepted = codec.encode(new GetBlocksMessage("miner-2", "r1", longest, 500));
		String tooLong = text(accepted).replace("\"locator\":[", "\"locator\":[\"" + CHAIN.genesis().hash().hex() + "\",");

		assertThat(codec.decode(accepted)).isInstanceOf(Ok.class);
		assertThat(rejection(utf8(tooLong))).isEqualTo("locator holds 102 hashes, more than the limit of 101");
		assertThatIllegalArgumentException().isThrownBy(() -> codec.encode(
				new GetBlocksMessage("miner-2", "r1", Collections.nCopies(102, CHAIN.genesis().hash()), 500)));
	}

	@Test
	void rejectsMalformedLocators() {
		String hash = "\"" + CHAIN.genesis().hash().hex() + "\"";

		assertThat(rejection(utf8(request("\"max\":5")))).isEqualTo("missing field locator");
		assertThat(rejection(utf8(request("\"locator\":" + hash + ",\"max\":5"))))
			.isEqualTo("locator must be an array, got a string");
		assertThat(rejection(utf8(request("\"locator\":[" + hash + ",7],\"max\":5"))))
			.isEqualTo("locator[1] must be a string, got an integer");
		assertThat(rejection(utf8(request("\"locator\":[" + hash.toUpperCase() + "],\"max\":5"))))
			.isEqualTo("locator[0] must be 64 lowercase hex digits");
		assertThat(rejection(utf8(request("\"locator\":[\"00ff\"],\"max\":5"))))
			.isEqualTo("locator[0] must be 64 lowercase hex digits");
		assertThat(rejection(utf8(request("\"locator\":[null],\"max\":5"))))
			.isEqualTo("locator[0] must be a string, got null");
	}

	@ParameterizedTest(name = "max {0}")
	@ValueSource(strings = { "0", "-1", "2147483648", "9223372036854775807" })
	void rejectsAMaxOutsideOneToTheLargestInt(String max) {
		assertThat(rejection(utf8(request("\"locator\":[],\"max\":" + max))))
			.isEqualTo("max must lie in 1..2147483647, got " + max);
	}

	@ParameterizedTest(name = "max {0}")
	@ValueSource(strings = { "\"5\"", "5.0", "1e2", "true", "null" })
	void rejectsAMaxThatIsNoInteger(String max) {
		assertThat(rejection(utf8(request("\"locator\":[],\"max\":" + max)))).startsWith("max must");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "", "has space", "slash/", "plus+", "wild#",
			"x123456789x123456789x123456789x123456789x123456789x123456789x1234" })
	void rejectsARequestIdThatIsNotShortAndPlain(String requestId) {
		String json = text(codec.encode(new GetBlocksMessage("miner-2", "r1", LOCATOR, 5)))
			.replace("\"requestId\":\"r1\"", "\"requestId\":\"" + requestId + "\"");

		assertThat(rejection(utf8(json))).isEqualTo("requestId is not 1 to 64 letters, digits, '.', '-' or '_'");
	}

	@Test
	void rejectsAMessageWithoutRequestIdNamingItsSender() {
		String json = text(codec.encode(new BlocksMessage("miner-3", "r1", List.of(), false)))
			.replace("\"requestId\":\"r1\",", "");

		assertThat(codec.decode(utf8(json))).isEqualTo(new Rejected<>("miner-3", "missing field requestId"));
	}

	@Test
	void acceptsOnlyTheSyncTypes() {
		byte[] block = wire.encode(new BlockMessage("miner-2", BLOCKS.get(0)));

		assertThat(rejection(block)).isEqualTo(
				"type is \"block\", expected \"getblocks\" or \"blocks\" or \"tip\" or \"getblocktxn\" or \"blocktxn\"");
		assertThat(wire.decodeBlock(codec.encode(new BlocksMessage("miner-2", "r", BLOCKS, false))))
			.isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.reason())
				.isEqualTo("type is \"blocks\", expected \"block\""));
	}

	@Test
	void rejectsAnotherProtocolVersion() {
		String json = text(codec.encode(new GetBlocksMessage("miner-2", "r1", LOCATOR, 5))).replace("\"protocol\":1",
				"\"protocol\":2");

		assertThat(rejection(utf8(json))).isEqualTo("unsupported protocol version 2, this miner speaks 1");
	}

	@Test
	void rejectsAReplyWithMoreThan500Blocks() {
		List<Block> many = new ArrayList<>(Collections.nCopies(500, BLOCKS.get(0)));
		SyncCodec roomy = new SyncCodec(new WireCodec(16 << 20, 100));
		byte[] accepted = roomy.encode(new BlocksMessage("miner-1", "r1", many, true));
		String blockJson = text(roomy.encode(new BlocksMessage("miner-1", "r1", List.of(BLOCKS.get(0)), true)));
		blockJson = blockJson.substring(blockJson.indexOf('[') + 1, blockJson.lastIndexOf(']'));
		String tooMany = text(accepted).replace("\"blocks\":[", "\"blocks\":[" + blockJson + ",");

		assertThat(roomy.decode(accepted)).isInstanceOf(Ok.class);
		assertThat(((Rejected<SyncMessage>) roomy.decode(utf8(tooMany))).reason())
			.isEqualTo("blocks holds 501 blocks, more than the limit of 500");
		many.add(BLOCKS.get(1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> roomy.encode(new BlocksMessage("miner-1", "r1", many, true)));
	}

	@Test
	void checksEveryBlockOfAReplyLikeABlockMessageNamingItsIndex() {
		String json = text(codec.encode(new BlocksMessage("miner-1", "r1", BLOCKS.subList(0, 3), false)));
		String thirdNonce = "\"nonce\":" + Integer.toUnsignedLong(BLOCKS.get(2).header().nonce());
		String tampered = json.replace(thirdNonce, "\"nonce\":" + (Integer.toUnsignedLong(BLOCKS.get(2).header().nonce()) + 1));

		assertThat(rejection(utf8(tampered))).startsWith("blocks[2].hash " + BLOCKS.get(2).hash().abbreviated()
				+ " does not match the header");
		assertThat(rejection(utf8(json.replace("\"blocks\":[", "\"blocks\":[7,"))))
			.isEqualTo("blocks[0] must be an object, got an integer");
		assertThat(rejection(utf8(json.replace("\"blocks\":[", "\"blocks\":{\"a\":[").replace("],\"more\"",
				"]},\"more\"")))).isEqualTo("blocks must be an array, got an object");
	}

	@Test
	void rejectsAMoreThatIsNoBoolean() {
		String json = text(codec.encode(new BlocksMessage("miner-1", "r1", List.of(), false)));

		assertThat(rejection(utf8(json.replace("\"more\":false", "\"more\":0"))))
			.isEqualTo("more must be a boolean, got an integer");
		assertThat(rejection(utf8(json.replace(",\"more\":false", "")))).isEqualTo("missing field more");
	}

	@Test
	void rejectsAMessageLargerThanTheLimitBeforeParsingIt() {
		SyncCodec small = new SyncCodec(new WireCodec(100, 100));

		assertThat(small.decode(new byte[101]))
			.isEqualTo(new Rejected<>("unknown", "message of 101 bytes exceeds the limit of 100 bytes"));
	}

	@Test
	void fitLeavesAReplyThatFitsAsItIs() {
		BlocksMessage reply = new BlocksMessage("miner-1", "r1", BLOCKS, false);

		assertThat(codec.fit(reply)).isSameAs(reply);
	}

	@Test
	void fitCutsAReplyToTheMessageSizeAndSaysThereIsMore() {
		BlocksMessage reply = new BlocksMessage("miner-1", "r1", BLOCKS, false);
		int fullSize = codec.encode(reply).length;
		int sevenBlocks = codec.encode(new BlocksMessage("miner-1", "r1", BLOCKS.subList(0, 7), false)).length;
		SyncCodec small = new SyncCodec(new WireCodec(sevenBlocks, 100));
		SyncCodec oneByteLess = new SyncCodec(new WireCodec(sevenBlocks - 1, 100));

		BlocksMessage fitted = small.fit(reply);

		assertThat(fullSize).isGreaterThan(sevenBlocks);
		assertThat(fitted).isEqualTo(new BlocksMessage("miner-1", "r1", BLOCKS.subList(0, 7), true));
		assertThat(small.encode(fitted).length).isLessThanOrEqualTo(sevenBlocks);
		assertThat(oneByteLess.fit(reply).blocks()).isEqualTo(BLOCKS.subList(0, 6));
		assertThat(small.decode(small.encode(fitted))).isEqualTo(new Ok<>(fitted));
	}

	@Test
	void fitSendsNoBlockButMoreWhenTheFirstDoesNotFit() {
		int empty = codec.encode(new BlocksMessage("miner-1", "r1", List.of(), false)).length;
		SyncCodec tiny = new SyncCodec(new WireCodec(empty + 10, 100));

		assertThat(tiny.fit(new BlocksMessage("miner-1", "r1", BLOCKS, false)))
			.isEqualTo(new BlocksMessage("miner-1", "r1", List.of(), true));
	}

	@Test
	void fitCutsAReplyTo500Blocks() {
		List<Block> many = Collections.nCopies(501, BLOCKS.get(0));
		SyncCodec roomy = new SyncCodec(new WireCodec(16 << 20, 100));

		BlocksMessage fitted = roomy.fit(new BlocksMessage("miner-1", "r1", many, false));

		assertThat(fitted.blocks()).hasSize(500);
		assertThat(fitted.more()).isTrue();
	}

	@Test
	void aFittedReplyIsEncodedByteForByteAsItsMessageWouldBeWhateverItKeeps() {
		BlocksMessage reply = new BlocksMessage("miner-1", "r1", BLOCKS, false);
		int sevenBlocks = codec.encode(new BlocksMessage("miner-1", "r1", BLOCKS.subList(0, 7), false)).length;
		int empty = codec.encode(new BlocksMessage("miner-1", "r1", List.of(), false)).length;
		List<SyncCodec> codecs = List.of(codec, new SyncCodec(new WireCodec(sevenBlocks, 100)),
				new SyncCodec(new WireCodec(empty + 10, 100)));
		List<Integer> kept = new ArrayList<>();

		for (SyncCodec each : codecs) {
			SyncCodec.FittedReply fitted = each.encodeFitted(reply);

			assertThat(fitted.message()).isEqualTo(each.fit(reply));
			assertThat(fitted.payload()).isEqualTo(each.encode(fitted.message()));
			assertThat(each.decode(fitted.payload())).isEqualTo(new Ok<>(fitted.message()));
			kept.add(fitted.message().blocks().size());
		}
		assertThat(kept).containsExactly(BLOCKS.size(), 7, 0);
		SyncCodec.FittedReply many = new SyncCodec(new WireCodec(16 << 20, 100))
			.encodeFitted(new BlocksMessage("miner-1", "r1", Collections.nCopies(501, BLOCKS.get(0)), true));
		assertThat(many.payload()).isEqualTo(new SyncCodec(new WireCodec(16 << 20, 100)).encode(many.message()));
	}

	@Test
	void rejectsGarbageWithoutThrowing() {
		for (String garbage : List.of("", "[]", "{", "null", "{\"protocol\":1,\"type\":\"blocks\"}",
				request("\"locator\":[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]],\"max\":1"))) {
			assertThat(codec.decode(utf8(garbage))).isInstanceOf(Rejected.class);
		}
	}

}
