package dev.minerfleet.it;

import java.util.ArrayList;
import java.util.List;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Transaction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire JSON of docs/protocol.md, written and read by the tests on their own, without the
 * application's codec: what an outside client in any language would do.
 */
public final class BlockJson {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private BlockJson() {
	}

	public static ObjectNode message(Block block, String sender) {
		ObjectNode message = JSON.createObjectNode();
		message.put("protocol", 1);
		message.put("type", "block");
		message.put("sender", sender);
		ObjectNode body = message.putObject("block");
		BlockHeader header = block.header();
		body.put("hash", block.hash().hex());
		body.put("version", Integer.toUnsignedLong(header.version()));
		body.put("previousHash", header.previousHash().hex());
		body.put("merkleRoot", header.merkleRoot().hex());
		body.put("timestamp", header.timestamp());
		body.put("bits", String.format("%08x", header.bits()));
		body.put("nonce", Integer.toUnsignedLong(header.nonce()));
		body.put("miner", block.miner());
		ArrayNode transactions = body.putArray("transactions");
		for (Transaction tx : block.transactions()) {
			write(tx, transactions.addObject());
		}
		return message;
	}

	public static ObjectNode message(Transaction tx, String sender) {
		ObjectNode message = JSON.createObjectNode();
		message.put("protocol", 1);
		message.put("type", "transaction");
		message.put("sender", sender);
		write(tx, message.putObject("transaction"));
		return message;
	}

	private static void write(Transaction tx, ObjectNode t) {
		t.put("id", tx.id().hex());
		t.put("sender", tx.sender());
		t.put("receiver", tx.receiver());
		t.put("amount", tx.amount());
		t.put("payload", tx.payload());
		t.put("createdAt", tx.createdAt());
		t.put("origin", tx.origin());
	}

	public static byte[] bytes(JsonNode node) {
		return JSON.writeValueAsBytes(node);
	}

	/** The block a NEWBLOCK message describes, with the hash the message claims for it. */
	public static Block read(byte[] payload) {
		JsonNode body = JSON.readTree(payload).get("block");
		List<Transaction> transactions = new ArrayList<>();
		for (JsonNode t : body.get("transactions")) {
			transactions.add(new Transaction(Hash.fromHex(t.get("id").asString()), t.get("sender").asString(),
					t.get("receiver").asString(), t.get("amount").asLong(), t.get("payload").asString(),
					t.get("createdAt").asLong(), t.get("origin").asString()));
		}
		BlockHeader header = new BlockHeader((int) body.get("version").asLong(),
				Hash.fromHex(body.get("previousHash").asString()), Hash.fromHex(body.get("merkleRoot").asString()),
				body.get("timestamp").asLong(), (int) Long.parseLong(body.get("bits").asString(), 16),
				(int) body.get("nonce").asLong());
		return new Block(header, transactions);
	}

	public static String claimedHash(byte[] payload) {
		return JSON.readTree(payload).get("block").get("hash").asString();
	}

}
