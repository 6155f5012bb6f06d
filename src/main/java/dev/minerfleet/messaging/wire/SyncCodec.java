package dev.minerfleet.messaging.wire;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.messaging.wire.WireCodec.MalformedMessage;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The JSON form of the catch-up sync messages {@link GetBlocksMessage} and {@link BlocksMessage}, as docs/protocol.md
 * describes it:
 *
 * <pre>
 * {"protocol":1, "type":"getblocks", "sender":"miner-2", "requestId":"5f0c3a9e1b7d2c48",
 *  "locator":["00000a3f…", …, "fb77c886…"], "max":500}
 * {"protocol":1, "type":"blocks", "sender":"miner-1", "requestId":"5f0c3a9e1b7d2c48",
 *  "blocks":[{"hash":…, "version":…, …, "transactions":[…]}, …], "more":false}
 * {"protocol":1, "type":"tip", "sender":"miner-1", "height":312, "hash":"00000a3f…", "work":"1380000"}
 * {"protocol":1, "type":"getblocktxn", "sender":"miner-2", "hash":"00000a3f…", "indexes":[3, 17]}
 * {"protocol":1, "type":"blocktxn", "sender":"miner-1", "hash":"00000a3f…", "indexes":[3, 17],
 *  "transactions":[{"id":…, …}, {"id":…, …}]}
 * </pre>
 *
 * <p>
 * Built on {@link WireCodec}: the same size limit, JSON rules, envelope checks and block objects (each block's hash
 * recomputed, its miner checked). On top: a {@code requestId} of 1 to 64 letters, digits, '.', '-' or '_'; a locator
 * of at most {@value #MAX_LOCATOR_HASHES} hashes; {@code max} from 1 to 2^31-1 (the replying miner caps it); at most
 * {@value #MAX_BLOCKS} blocks in a reply; a tip's height from 0 to 2^31-1 and its work as 1 to
 * {@value #MAX_WORK_DIGITS} lowercase hex digits; indexes strictly ascending below the codec's transaction limit, with
 * as many transactions as indexes. Decoding never throws: it returns {@link Decoded}. Thread-safe.
 */
public final class SyncCodec {

	/** The longest locator accepted; the locators miners make hold at most 41 hashes. */
	public static final int MAX_LOCATOR_HASHES = 101;

	/** The most blocks in one reply. */
	public static final int MAX_BLOCKS = 500;

	/** The most hex digits of a tip's work. */
	public static final int MAX_WORK_DIGITS = WireCodec.MAX_WORK_DIGITS;

	private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	/** The empty block array of a reply's envelope; no field before it can hold brackets. */
	private static final byte[] EMPTY_BLOCKS = "\"blocks\":[]".getBytes(StandardCharsets.UTF_8);

	private static final List<String> TYPES = List.of(GetBlocksMessage.TYPE, BlocksMessage.TYPE, TipMessage.TYPE,
			GetBlockTransactionsMessage.TYPE, BlockTransactionsMessage.TYPE);

	private final WireCodec wire;

	/** @param wire the codec whose limits and block objects these messages share */
	public SyncCodec(WireCodec wire) {
		this.wire = wire;
	}

	public long maxMessageBytes() {
		return wire.maxMessageBytes();
	}

	// ---- encoding

	/** @throws IllegalArgumentException for a locator longer than {@value #MAX_LOCATOR_HASHES} hashes */
	public byte[] encode(GetBlocksMessage message) {
		if (message.locator().size() > MAX_LOCATOR_HASHES) {
			throw new IllegalArgumentException(
					"a locator holds at most " + MAX_LOCATOR_HASHES + " hashes, got " + message.locator().size());
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(160 + 67 * message.locator().size());
		try (JsonGenerator json = wire.generator(out)) {
			WireCodec.writeEnvelope(json, GetBlocksMessage.TYPE, message.sender());
			json.writeStringProperty("requestId", message.requestId());
			json.writeArrayPropertyStart("locator");
			for (Hash hash : message.locator()) {
				json.writeString(hash.hex());
			}
			json.writeEndArray();
			json.writeNumberProperty("max", message.max());
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	/**
	 * Encodes all the blocks, whatever the size: {@link #fit} the message first to stay within the limit.
	 * @throws IllegalArgumentException for more than {@value #MAX_BLOCKS} blocks
	 */
	public byte[] encode(BlocksMessage message) {
		if (message.blocks().size() > MAX_BLOCKS) {
			throw new IllegalArgumentException(
					"a reply holds at most " + MAX_BLOCKS + " blocks, got " + message.blocks().size());
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(160 + 1024 * message.blocks().size());
		try (JsonGenerator json = wire.generator(out)) {
			WireCodec.writeEnvelope(json, BlocksMessage.TYPE, message.sender());
			json.writeStringProperty("requestId", message.requestId());
			json.writeArrayPropertyStart("blocks");
			for (Block block : message.blocks()) {
				WireCodec.writeBlock(json, block);
			}
			json.writeEndArray();
			json.writeBooleanProperty("more", message.more());
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	public byte[] encode(TipMessage message) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		try (JsonGenerator json = wire.generator(out)) {
			WireCodec.writeEnvelope(json, TipMessage.TYPE, message.sender());
			json.writeNumberProperty("height", message.height());
			json.writeStringProperty("hash", message.hash().hex());
			json.writeStringProperty("work", message.work().toString(16));
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	public byte[] encode(GetBlockTransactionsMessage message) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(192 + 6 * message.indexes().size());
		try (JsonGenerator json = wire.generator(out)) {
			WireCodec.writeEnvelope(json, GetBlockTransactionsMessage.TYPE, message.sender());
			json.writeStringProperty("hash", message.blockHash().hex());
			writeIndexes(json, message.indexes());
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	public byte[] encode(BlockTransactionsMessage message) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(192 + 320 * message.indexes().size());
		try (JsonGenerator json = wire.generator(out)) {
			WireCodec.writeEnvelope(json, BlockTransactionsMessage.TYPE, message.sender());
			json.writeStringProperty("hash", message.blockHash().hex());
			writeIndexes(json, message.indexes());
			json.writeArrayPropertyStart("transactions");
			for (Transaction tx : message.transactions()) {
				WireCodec.writeTransaction(json, tx);
			}
			json.writeEndArray();
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	private static void writeIndexes(JsonGenerator json, List<Integer> indexes) {
		json.writeArrayPropertyStart("indexes");
		for (int index : indexes) {
			json.writeNumber(index);
		}
		json.writeEndArray();
	}

	/**
	 * The reply as it can be sent: the first of the message's blocks, oldest first, as many as encode within
	 * {@link #maxMessageBytes()} and at most {@value #MAX_BLOCKS}; {@code more} is set when any was left out. The
	 * message itself when all fit. Empty, with {@code more} set, when even the first block does not fit.
	 */
	public BlocksMessage fit(BlocksMessage message) {
		return encodeFitted(message).message();
	}

	/** A reply as {@link #fit} cuts it, and its bytes: {@code encode(message)}. */
	public record FittedReply(BlocksMessage message, byte[] payload) {
	}

	/**
	 * {@link #fit} and {@link #encode(BlocksMessage)} in one, encoding each block once: the bytes that measure a block
	 * are the bytes sent. Encoding the blocks of sync replies was a quarter of a 50-miner fleet's CPU after a wide
	 * fork, half of it spent measuring (docs/benchmarks.md, "Fork storm").
	 */
	public FittedReply encodeFitted(BlocksMessage message) {
		List<Block> blocks = message.blocks();
		// the envelope with no block and the longer of the two values of "more"
		long budget = maxMessageBytes()
				- encode(new BlocksMessage(message.sender(), message.requestId(), List.of(), false)).length;
		List<byte[]> encoded = new ArrayList<>();
		long used = 0;
		while (encoded.size() < Math.min(blocks.size(), MAX_BLOCKS)) {
			byte[] block = encode(blocks.get(encoded.size()));
			long size = block.length + (encoded.isEmpty() ? 0 : 1);
			if (used + size > budget) {
				break;
			}
			used += size;
			encoded.add(block);
		}
		BlocksMessage fitted = (encoded.size() == blocks.size()) ? message
				: new BlocksMessage(message.sender(), message.requestId(), blocks.subList(0, encoded.size()), true);
		// the blocks go between the brackets of the envelope's empty "blocks" array
		byte[] frame = encode(new BlocksMessage(message.sender(), message.requestId(), List.of(), fitted.more()));
		int open = indexOf(frame, EMPTY_BLOCKS) + EMPTY_BLOCKS.length - 1;
		ByteArrayOutputStream out = new ByteArrayOutputStream(frame.length + (int) used);
		out.write(frame, 0, open);
		for (int i = 0; i < encoded.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			out.write(encoded.get(i), 0, encoded.get(i).length);
		}
		out.write(frame, open, frame.length - open);
		return new FittedReply(fitted, out.toByteArray());
	}

	/** A block object as a reply holds it. */
	private byte[] encode(Block block) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(512 + 320 * block.transactions().size());
		try (JsonGenerator json = wire.generator(out)) {
			WireCodec.writeBlock(json, block);
		}
		return out.toByteArray();
	}

	/** Where {@code part} first starts in {@code bytes}. */
	private static int indexOf(byte[] bytes, byte[] part) {
		for (int i = 0; i + part.length <= bytes.length; i++) {
			if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
				return i;
			}
		}
		throw new IllegalStateException("no " + new String(part, StandardCharsets.UTF_8) + " in a reply");
	}

	// ---- decoding

	/**
	 * Decodes a message of type {@value GetBlocksMessage#TYPE}, {@value BlocksMessage#TYPE} or {@value TipMessage#TYPE};
	 * never throws.
	 */
	public Decoded<SyncMessage> decode(byte[] json) {
		return wire.decode(json, TYPES, this::readContent);
	}

	private SyncMessage readContent(String type, String sender, JsonNode envelope) {
		if (TipMessage.TYPE.equals(type)) {
			return readTip(sender, envelope);
		}
		if (GetBlockTransactionsMessage.TYPE.equals(type)) {
			return new GetBlockTransactionsMessage(sender, WireCodec.hash(envelope, "hash", ""), readIndexes(envelope));
		}
		if (BlockTransactionsMessage.TYPE.equals(type)) {
			return readBlockTransactions(sender, envelope);
		}
		String requestId = WireCodec.text(envelope, "requestId", "");
		if (!REQUEST_ID.matcher(requestId).matches()) {
			throw new MalformedMessage("requestId is not 1 to 64 letters, digits, '.', '-' or '_'");
		}
		return GetBlocksMessage.TYPE.equals(type) ? readGetBlocks(sender, requestId, envelope)
				: readBlocks(sender, requestId, envelope);
	}

	private static GetBlocksMessage readGetBlocks(String sender, String requestId, JsonNode envelope) {
		JsonNode array = array(envelope, "locator", MAX_LOCATOR_HASHES, "hashes");
		List<Hash> locator = new ArrayList<>(array.size());
		for (int i = 0; i < array.size(); i++) {
			locator.add(WireCodec.hash(array.get(i), "locator[" + i + "]"));
		}
		long max = WireCodec.int64(envelope, "max", "");
		if (max < 1 || max > Integer.MAX_VALUE) {
			throw new MalformedMessage("max must lie in 1.." + Integer.MAX_VALUE + ", got " + max);
		}
		return new GetBlocksMessage(sender, requestId, locator, (int) max);
	}

	private BlocksMessage readBlocks(String sender, String requestId, JsonNode envelope) {
		JsonNode array = array(envelope, "blocks", MAX_BLOCKS, "blocks");
		List<Block> blocks = new ArrayList<>(array.size());
		for (int i = 0; i < array.size(); i++) {
			blocks.add(wire.readBlock(array.get(i), "blocks[" + i + "]"));
		}
		JsonNode more = WireCodec.field(envelope, "more", "");
		if (!more.isBoolean()) {
			throw new MalformedMessage("more must be a boolean, got " + WireCodec.kind(more));
		}
		return new BlocksMessage(sender, requestId, blocks, more.booleanValue());
	}

	private static TipMessage readTip(String sender, JsonNode envelope) {
		long height = WireCodec.int64(envelope, "height", "");
		if (height < 0 || height > Integer.MAX_VALUE) {
			throw new MalformedMessage("height must lie in 0.." + Integer.MAX_VALUE + ", got " + height);
		}
		Hash hash = WireCodec.hash(envelope, "hash", "");
		return new TipMessage(sender, height, hash, WireCodec.work(envelope, "work", ""));
	}

	/** Positions in a block: strictly ascending, below the most transactions a block message may hold. */
	private List<Integer> readIndexes(JsonNode envelope) {
		JsonNode array = array(envelope, "indexes", wire.maxTransactions(), "indexes");
		List<Integer> indexes = new ArrayList<>(array.size());
		long previous = -1;
		for (int i = 0; i < array.size(); i++) {
			JsonNode node = array.get(i);
			if (!node.isIntegralNumber() || !node.canConvertToLong()) {
				throw new MalformedMessage("indexes[" + i + "] must be an integer, got " + WireCodec.kind(node));
			}
			long index = node.longValue();
			if (index <= previous || index >= wire.maxTransactions()) {
				throw new MalformedMessage("indexes[" + i + "] must lie in " + (previous + 1) + ".."
						+ (wire.maxTransactions() - 1) + ", got " + index);
			}
			previous = index;
			indexes.add((int) index);
		}
		return indexes;
	}

	private BlockTransactionsMessage readBlockTransactions(String sender, JsonNode envelope) {
		Hash blockHash = WireCodec.hash(envelope, "hash", "");
		List<Integer> indexes = readIndexes(envelope);
		JsonNode array = array(envelope, "transactions", wire.maxTransactions(), "transactions");
		if (array.size() != indexes.size()) {
			throw new MalformedMessage("transactions holds " + array.size() + " transactions for " + indexes.size()
					+ " indexes");
		}
		List<Transaction> transactions = new ArrayList<>(array.size());
		for (int i = 0; i < array.size(); i++) {
			transactions.add(WireCodec.readTransaction(array.get(i), "transactions[" + i + "]"));
		}
		return new BlockTransactionsMessage(sender, blockHash, indexes, transactions);
	}

	private static JsonNode array(JsonNode envelope, String name, int limit, String what) {
		JsonNode array = WireCodec.field(envelope, name, "");
		if (!array.isArray()) {
			throw new MalformedMessage(name + " must be an array, got " + WireCodec.kind(array));
		}
		if (array.size() > limit) {
			throw new MalformedMessage(
					name + " holds " + array.size() + " " + what + ", more than the limit of " + limit);
		}
		return array;
	}

}
