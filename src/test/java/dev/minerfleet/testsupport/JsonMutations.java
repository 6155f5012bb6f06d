package dev.minerfleet.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded mutations of a JSON document for fuzz tests: byte flips, truncations, insertions, and, on the parsed tree,
 * a member deleted, or replaced by a value of another type or of an extreme size (numbers of 45 digits or with an
 * exponent of a million, arrays 2,000 deep or 5,000 long, lone surrogates, NaN). The same seed gives the same
 * mutants. What the WireCodec mutation test does, plus the extremes.
 */
public final class JsonMutations {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** Stands for a raw JSON value in the tree, swapped for the raw text once the tree is written. */
	private static final String MARKER = "@@raw-json@@";

	private static final String[] RAW_VALUES = { "null", "true", "false", "0", "-0", "-1", "12", "1.5", "1.0",
			"1e2", "1E400", "1e999999", "-1e-999999", "2147483648", "-2147483649", "4294967296", "9223372036854775807",
			"9223372036854775808", "-9223372036854775809", "123456789012345678901234567890123456789012345", "NaN",
			"Infinity", "\"\"", "\"12\"", "\"1e0fffff\"", "\"ffffffff\"", "\"00000000\"", "\"" + "0".repeat(64) + "\"",
			"\"" + "F".repeat(64) + "\"", "\"\\ud800\"", "\"\\u0000\"", "\"coinbase\"", "\"" + "x".repeat(2000) + "\"",
			"\"" + "é".repeat(40) + "\"", "[]", "{}", "[null]", "[[]]", "{\"a\":1}", nested(20), nested(2000),
			deepObjects(30), repeated("\"" + "ab".repeat(32) + "\"", 150), repeated("{}", 600), repeated("1", 5000) };

	private final SplittableRandom random;

	public JsonMutations(SplittableRandom random) {
		this.random = random;
	}

	/** One to three mutations of {@code json}, chosen at random. */
	public byte[] mutate(byte[] json) {
		byte[] mutant = json;
		int rounds = 1 + random.nextInt(3);
		for (int i = 0; i < rounds; i++) {
			mutant = switch (random.nextInt(7)) {
				case 0 -> flipBytes(mutant);
				case 1 -> truncate(mutant);
				case 2 -> insertBytes(mutant);
				case 3 -> deleteMember(mutant);
				default -> replaceMember(mutant, RAW_VALUES[random.nextInt(RAW_VALUES.length)]);
			};
		}
		return mutant;
	}

	/** A raw JSON value of the kinds {@link #mutate} puts in, for generators. */
	public String rawValue() {
		return RAW_VALUES[random.nextInt(RAW_VALUES.length)];
	}

	byte[] flipBytes(byte[] json) {
		byte[] mutant = json.clone();
		int flips = 1 + random.nextInt(4);
		for (int i = 0; i < flips && mutant.length > 0; i++) {
			int at = random.nextInt(mutant.length);
			mutant[at] = random.nextBoolean() ? (byte) random.nextInt(256)
					: (byte) (mutant[at] ^ (1 << random.nextInt(8)));
		}
		return mutant;
	}

	byte[] truncate(byte[] json) {
		return Arrays.copyOf(json, random.nextInt(json.length + 1));
	}

	byte[] insertBytes(byte[] json) {
		byte[] insert = switch (random.nextInt(6)) {
			case 0 -> "{".getBytes(StandardCharsets.UTF_8);
			case 1 -> ",\"x\":[".getBytes(StandardCharsets.UTF_8);
			case 2 -> "\\u".getBytes(StandardCharsets.UTF_8);
			case 3 -> new byte[] { (byte) 0xed, (byte) 0xa0, (byte) 0x80 }; // a UTF-8 encoded surrogate
			case 4 -> new byte[] { (byte) 0xc3 }; // half a two-byte sequence
			default -> new byte[] { (byte) random.nextInt(256) };
		};
		int at = random.nextInt(json.length + 1);
		byte[] mutant = new byte[json.length + insert.length];
		System.arraycopy(json, 0, mutant, 0, at);
		System.arraycopy(insert, 0, mutant, at, insert.length);
		System.arraycopy(json, at, mutant, at + insert.length, json.length - at);
		return mutant;
	}

	byte[] deleteMember(byte[] json) {
		return edit(json, null);
	}

	/** Replaces one random member (at any depth) by {@code rawJson}; the bytes unchanged if they are not JSON. */
	public byte[] replaceMember(byte[] json, String rawJson) {
		return edit(json, rawJson);
	}

	private byte[] edit(byte[] json, @Nullable String rawJson) {
		JsonNode root;
		try {
			root = MAPPER.readTree(json);
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
		JsonNode parent = member.getKey();
		Object key = member.getValue();
		if (rawJson == null) {
			if (parent instanceof ObjectNode object) {
				object.remove((String) key);
			}
			else {
				((ArrayNode) parent).remove((Integer) key);
			}
			return MAPPER.writeValueAsBytes(root);
		}
		if (parent instanceof ObjectNode object) {
			object.set((String) key, JsonNodeFactory.instance.stringNode(MARKER));
		}
		else {
			((ArrayNode) parent).set((Integer) key, JsonNodeFactory.instance.stringNode(MARKER));
		}
		String written = MAPPER.writeValueAsString(root);
		return written.replace("\"" + MARKER + "\"", rawJson).getBytes(StandardCharsets.UTF_8);
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

	private static String nested(int depth) {
		return "[".repeat(depth) + "]".repeat(depth);
	}

	private static String deepObjects(int depth) {
		return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
	}

	private static String repeated(String value, int count) {
		return "[" + String.join(",", java.util.Collections.nCopies(count, value)) + "]";
	}

}
