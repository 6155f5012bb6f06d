package dev.minerfleet.messaging.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.messaging.wire.Decoded.Ok;
import dev.minerfleet.messaging.wire.Decoded.Rejected;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A seeded mutation loop: byte flips, truncations, insertions, field deletions and type swaps of a real encoded block
 * and transaction never let an exception out of decoding, every rejection gives a printable reason, and whatever is
 * accepted encodes and decodes to itself. 4 seeds of 25,000 mutations each, 100,000 in all; the seed is in the case
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

	private static final JsonNode[] REPLACEMENTS = { JsonEdit.NODES.nullNode(), JsonEdit.NODES.booleanNode(true),
			JsonEdit.NODES.numberNode(0), JsonEdit.NODES.numberNode(-1), JsonEdit.NODES.numberNode(12),
			JsonEdit.NODES.numberNode(4_294_967_296L), JsonEdit.NODES.numberNode(Long.MIN_VALUE),
			JsonEdit.NODES.numberNode(BigInteger.ONE.shiftLeft(70)), JsonEdit.NODES.numberNode(1.5),
			JsonEdit.NODES.numberNode(1e300), JsonEdit.NODES.stringNode(""), JsonEdit.NODES.stringNode("12"),
			JsonEdit.NODES.stringNode("1e0fffff"), JsonEdit.NODES.stringNode("00".repeat(32)),
JsonEdit.NODES.stringNode("x".repeat(2000)), JsonEdit.NODES.arrayNode(),
			JsonEdit.NODES.objectNode() };

	private final WireCodec codec = new WireCodec(1 << 20, 100);

	static Stream<Long> seeds() {
		return RandomMessages.seeds(4);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void noMutationOfARealMessageLetsAnExceptionOutOfDecoding(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		byte[] block = codec.encode(new BlockMessage("miner-2", BLOCK));
		byte[] transaction = codec.encode(new TransactionMessage("miner-3", TRANSACTION));
		int accepted = 0;
		int rejected = 0;
		for (int i = 0; i < MUTATIONS_PER_SEED; i++) {
			boolean isBlock = random.nextBoolean();
			byte[] mutant = mutate(isBlock ? block : transaction, random);
			Decoded<?> decoded;
			try {
				decoded = isBlock ? codec.decodeBlock(mutant) : codec.decodeTransaction(mutant);
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
			return codec.decodeBlock(codec.encode(blockMessage));
		}
		return codec.decodeTransaction(codec.encode((TransactionMessage) message));
	}

	private static byte[] mutate(byte[] json, SplittableRandom random) {
		List<Function<byte[], byte[]>> mutations = List.of(bytes -> flipBytes(bytes, random),
				bytes -> truncate(bytes, random), bytes -> insertBytes(bytes, random),
				bytes -> deleteField(bytes, random), bytes -> swapType(bytes, random));
		byte[] mutant = json;
		int rounds = 1 + random.nextInt(3);
		for (int i = 0; i < rounds; i++) {
			mutant = mutations.get(random.nextInt(mutations.size())).apply(mutant);
		}
		return mutant;
	}

	private static byte[] flipBytes(byte[] json, SplittableRandom random) {
		byte[] mutant = json.clone();
		int flips = 1 + random.nextInt(4);
		for (int i = 0; i < flips && mutant.length > 0; i++) {
			int at = random.nextInt(mutant.length);
			mutant[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (mutant[at] ^ (1 << random.nextInt(8)));
		}
		return mutant;
	}

	private static byte[] truncate(byte[] json, SplittableRandom random) {
		return Arrays.copyOf(json, random.nextInt(json.length + 1));
	}

	private static byte[] insertBytes(byte[] json, SplittableRandom random) {
		byte[] insert = switch (random.nextInt(4)) {
			case 0 -> "{".getBytes();
			case 1 -> ",\"x\":[".getBytes();
			case 2 -> "\\u".getBytes();
			default -> new byte[] { (byte) random.nextInt(256) };
		};
		int at = random.nextInt(json.length + 1);
		byte[] mutant = new byte[json.length + insert.length];
		System.arraycopy(json, 0, mutant, 0, at);
		System.arraycopy(insert, 0, mutant, at, insert.length);
		System.arraycopy(json, at, mutant, at + insert.length, json.length - at);
		return mutant;
	}

	private static byte[] deleteField(byte[] json, SplittableRandom random) {
		return editTree(json, random, (parent, key) -> {
			if (parent instanceof ObjectNode object) {
				object.remove((String) key);
			}
			else {
				((ArrayNode) parent).remove((Integer) key);
			}
		});
	}

	private static byte[] swapType(byte[] json, SplittableRandom random) {
		JsonNode replacement = REPLACEMENTS[random.nextInt(REPLACEMENTS.length)];
		return editTree(json, random, (parent, key) -> {
			if (parent instanceof ObjectNode object) {
				object.set((String) key, replacement);
			}
			else {
				((ArrayNode) parent).set((Integer) key, replacement);
			}
		});
	}

	/** Applies {@code edit} to one random member of the tree, or returns the bytes unchanged if they are not JSON. */
	private static byte[] editTree(byte[] json, SplittableRandom random, Edit edit) {
		JsonNode root;
		try {
			root = JsonEdit.MAPPER.readTree(json);
		}
		catch (RuntimeException notJson) {
			return json;
		}
		List<Map.Entry<JsonNode, Object>> members = new ArrayList<>();
		collectMembers(root, members);
		if (members.isEmpty()) {
			return json;
		}
		Map.Entry<JsonNode, Object> member = members.get(random.nextInt(members.size()));
		edit.apply(member.getKey(), member.getValue());
		return JsonEdit.MAPPER.writeValueAsBytes(root);
	}

	private static void collectMembers(JsonNode node, List<Map.Entry<JsonNode, Object>> members) {
		if (node.isObject()) {
			for (String name : node.propertyNames()) {
				members.add(Map.entry(node, name));
				collectMembers(node.get(name), members);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				members.add(Map.entry(node, i));
				collectMembers(node.get(i), members);
			}
		}
	}

	@FunctionalInterface
	private interface Edit {

		void apply(JsonNode parent, Object key);

	}

}
