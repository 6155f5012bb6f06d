package dev.minerfleet.messaging.wire;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Edits an encoded message at a path such as {@code block.transactions[0].amount}, to build malformed variants of a
 * real message.
 */
final class JsonEdit {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final ObjectNode root;

	private JsonEdit(ObjectNode root) {
		this.root = root;
	}

	static JsonEdit of(byte[] json) {
		return new JsonEdit((ObjectNode) MAPPER.readTree(json));
	}

	JsonEdit remove(String path) {
		ObjectNode parent = (ObjectNode) parent(path);
		parent.remove(lastName(path));
		return this;
	}

	JsonEdit set(String path, JsonNode value) {
		ObjectNode parent = (ObjectNode) parent(path);
		parent.set(lastName(path), value);
		return this;
	}

	JsonEdit set(String path, String value) {
		return set(path, NODES.stringNode(value));
	}

	JsonEdit set(String path, long value) {
		return set(path, NODES.numberNode(value));
	}

	JsonNode get(String path) {
		return ((ObjectNode) parent(path)).get(lastName(path));
	}

	ArrayNode array(String path) {
		return (ArrayNode) get(path);
	}

	byte[] bytes() {
		return MAPPER.writeValueAsBytes(root);
	}

	private JsonNode parent(String path) {
		String[] steps = path.split("\\.");
		JsonNode node = root;
		for (int i = 0; i < steps.length - 1; i++) {
			node = step(node, steps[i]);
		}
		return node;
	}

	private static JsonNode step(JsonNode node, String step) {
		int bracket = step.indexOf('[');
		if (bracket < 0) {
			return node.get(step);
		}
		int index = Integer.parseInt(step.substring(bracket + 1, step.length() - 1));
		return node.get(step.substring(0, bracket)).get(index);
	}

	private static String lastName(String path) {
		return path.substring(path.lastIndexOf('.') + 1);
	}

}
