package dev.minerfleet.messaging.wire;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.CompactBlock;
import dev.minerfleet.chain.CompactBlock.Prefilled;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.ShortTransactionIds;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.chain.VerifiedTransactions;
import dev.minerfleet.messaging.wire.Decoded.Ok;
import dev.minerfleet.messaging.wire.Decoded.Rejected;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of {@link TransactionMessage} and {@link BlockMessage}, as docs/protocol.md describes it:
 *
 * <pre>
 * {"protocol":1, "type":"transaction", "sender":"miner-1",
 *  "transaction":{"id":…, "sender":…, "receiver":…, "amount":…, "payload":…, "createdAt":…, "origin":…}}
 * {"protocol":1, "type":"block", "sender":"miner-1",
 *  "block":{"hash":…, "version":…, "previousHash":…, "merkleRoot":…, "timestamp":…, "bits":"1e0fffff",
 *           "nonce":…, "miner":…, "transactions":[…]}}
 * </pre>
 *
 * <p>
 * Decoding is strict about what it needs and lenient about what it does not know: a message larger than the limit is
 * not parsed; unknown fields are ignored (a later version may add some); missing fields, {@code null}, wrong JSON
 * types (no {@code "12"} for {@code 12}, no {@code 1.0} for {@code 1}), duplicate keys, numbers out of range, another
 * protocol version, another message type and text the {@link Transaction} record refuses are rejected. The block
 * hash is recomputed from the header fields and must equal the {@code hash} field; {@code miner} must be the miner
 * the coinbase names. Transaction ids are taken as sent: the chain and the mempool check them against the content.
 * Decoding never throws: it returns {@link Decoded}. Thread-safe. {@link SyncCodec} builds the catch-up sync messages
 * on the same envelope, limits and block objects.
 */
public final class WireCodec {

	public static final int PROTOCOL_VERSION = 1;

	/** A sanity bound on the transactions of one block message, far above any chain's block limit. */
	public static final int DEFAULT_MAX_TRANSACTIONS = 100_000;

	/** Miner ids as {@code miner.id} accepts them; {@link #isMinerId} checks them, and {@code MinerIdTests} it. */
	static final Pattern MINER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final int MAX_MINER_ID_LENGTH = 64;

	/** What a hash must look like; checked by {@link #lowercaseHash}, which {@code HashHexTests} holds to it. */
	static final Pattern HASH_HEX = Pattern.compile("[0-9a-f]{64}");

	private static final Pattern BITS_HEX = Pattern.compile("[0-9a-f]{8}");

	/** The most hex digits of a chain's total work: 2^31 blocks of at most 2^256 work each need 72. */
	public static final int MAX_WORK_DIGITS = 80;

	private static final Pattern WORK = Pattern.compile("[0-9a-f]{1," + MAX_WORK_DIGITS + "}");

	private static final long MAX_UINT32 = 0xffff_ffffL;

	/** The deepest message is 4 levels deep (envelope, block, transactions array, transaction). */
	private static final int MAX_NESTING_DEPTH = 16;

	/** 20 digits and a sign hold every 64-bit integer: longer numbers are out of range anyway. */
	private static final int MAX_NUMBER_LENGTH = 40;

	private static final HexFormat HEX = HexFormat.of();

	private static final Base64.Encoder BASE64 = Base64.getEncoder();

	private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

	/** How a message's content is read once its envelope checked out: (type, sender, envelope) to message. */
	@FunctionalInterface
	interface ContentReader<T extends WireMessage> {

		T read(String type, String sender, JsonNode envelope);

	}

	private final JsonMapper mapper;

	/** The mapper's factory: its limits, but not the mapper's refusal of duplicate names. */
	private final JsonFactory factory;

	private final long maxMessageBytes;

	private final int maxTransactions;

	/**
	 * @param maxMessageBytes larger messages are rejected unparsed
	 * @param maxTransactions block messages with more transactions are rejected
	 */
	public WireCodec(long maxMessageBytes, int maxTransactions) {
		if (maxMessageBytes < 1 || maxTransactions < 1) {
			throw new IllegalArgumentException("message and transaction limits must be positive");
		}
		this.maxMessageBytes = maxMessageBytes;
		this.maxTransactions = maxTransactions;
		this.factory = JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(MAX_NESTING_DEPTH)
				.maxNumberLength(MAX_NUMBER_LENGTH)
				.build())
			.build();
		this.mapper = JsonMapper.builder(factory)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
			.build();
	}

	public long maxMessageBytes() {
		return maxMessageBytes;
	}

	public int maxTransactions() {
		return maxTransactions;
	}

	/**
	 * A parser with this codec's limits (nesting, number length) that does not refuse an object naming a member twice,
	 * for {@link TransactionBatchReader}, which does so itself: Jackson's check keeps a set of names per object, a
	 * fifth of the reader's time.
	 */
	JsonParser parserAllowingDuplicateNames(byte[] json) {
		return factory.createParser(ObjectReadContext.empty(), json);
	}

	/**
	 * Whether {@code text} is a miner id: 1 to 64 letters, digits, '.', '-' or '_' ({@code [A-Za-z0-9._-]{1,64}}); a
	 * loop, as {@link #lowercaseHash}, for every message.
	 */
	static boolean isMinerId(String text) {
		if (text.isEmpty() || text.length() > MAX_MINER_ID_LENGTH) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
					|| c == '-')) {
				return false;
			}
		}
		return true;
	}

	// ---- encoding

	/** A generator of this codec's compact JSON, for the other codecs of the package. */
	JsonGenerator generator(ByteArrayOutputStream out) {
		return mapper.createGenerator(out);
	}

	public byte[] encode(TransactionMessage message) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(512);
		try (JsonGenerator json = mapper.createGenerator(out)) {
			writeEnvelope(json, TransactionMessage.TYPE, message.sender());
			json.writeName(TransactionMessage.TYPE);
			writeTransaction(json, message.transaction());
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	public byte[] encode(BlockMessage message) {
		Block block = message.block();
		ByteArrayOutputStream out = new ByteArrayOutputStream(512 + 320 * block.transactions().size());
		try (JsonGenerator json = mapper.createGenerator(out)) {
			writeEnvelope(json, BlockMessage.TYPE, message.sender());
			writeWork(json, message.work());
			json.writeName(BlockMessage.TYPE);
			writeBlock(json, block);
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	/** The compact form: header fields, the prefilled transactions, the short ids as one base64 string. */
	public byte[] encode(CompactBlockMessage message) {
		CompactBlock block = message.block();
		ByteArrayOutputStream out = new ByteArrayOutputStream(768 + 8 * block.transactionCount());
		try (JsonGenerator json = mapper.createGenerator(out)) {
			writeEnvelope(json, CompactBlockMessage.TYPE, message.sender());
			writeWork(json, message.work());
			json.writeName(BlockMessage.TYPE);
			json.writeStartObject();
			writeHeaderFields(json, block.hash(), block.header(), block.miner());
			json.writeNumberProperty("transactionCount", block.transactionCount());
			json.writeArrayPropertyStart("prefilled");
			for (Prefilled one : block.prefilled()) {
				json.writeStartObject();
				json.writeNumberProperty("index", one.index());
				json.writeName("transaction");
				writeTransaction(json, one.transaction());
				json.writeEndObject();
			}
			json.writeEndArray();
			json.writeStringProperty("shortIds", encodeShortIds(block.shortIds()));
			json.writeEndObject();
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	private static String encodeShortIds(long[] ids) {
		byte[] bytes = new byte[ids.length * ShortTransactionIds.LENGTH];
		for (int i = 0; i < ids.length; i++) {
			for (int b = 0; b < ShortTransactionIds.LENGTH; b++) {
				bytes[i * ShortTransactionIds.LENGTH + b] = (byte) (ids[i] >>> (8 * (ShortTransactionIds.LENGTH - 1 - b)));
			}
		}
		return BASE64.encodeToString(bytes);
	}

	private static void writeWork(JsonGenerator json, Optional<BigInteger> work) {
		if (work.isPresent()) {
			json.writeStringProperty("work", work.get().toString(16));
		}
	}

	static void writeEnvelope(JsonGenerator json, String type, String sender) {
		json.writeStartObject();
		json.writeNumberProperty("protocol", PROTOCOL_VERSION);
		json.writeStringProperty("type", type);
		json.writeStringProperty("sender", sender);
	}

	/** A block object as the {@code block} member of a block message holds it. */
	static void writeBlock(JsonGenerator json, Block block) {
		json.writeStartObject();
		writeHeaderFields(json, block.hash(), block.header(), block.miner());
		json.writeArrayPropertyStart("transactions");
		for (Transaction tx : block.transactions()) {
			writeTransaction(json, tx);
		}
		json.writeEndArray();
		json.writeEndObject();
	}

	/** What block objects of both forms start with: hash, header fields and miner. */
	private static void writeHeaderFields(JsonGenerator json, Hash hash, BlockHeader header, String miner) {
		json.writeStringProperty("hash", hash.hex());
		json.writeNumberProperty("version", Integer.toUnsignedLong(header.version()));
		json.writeStringProperty("previousHash", header.previousHash().hex());
		json.writeStringProperty("merkleRoot", header.merkleRoot().hex());
		json.writeNumberProperty("timestamp", header.timestamp());
		json.writeStringProperty("bits", HEX.toHexDigits(header.bits()));
		json.writeNumberProperty("nonce", Integer.toUnsignedLong(header.nonce()));
		json.writeStringProperty("miner", miner);
	}

	static void writeTransaction(JsonGenerator json, Transaction tx) {
		json.writeStartObject();
		json.writeStringProperty("id", tx.id().hex());
		json.writeStringProperty("sender", tx.sender());
		json.writeStringProperty("receiver", tx.receiver());
		json.writeNumberProperty("amount", tx.amount());
		json.writeStringProperty("payload", tx.payload());
		json.writeNumberProperty("createdAt", tx.createdAt());
		json.writeStringProperty("origin", tx.origin());
		json.writeEndObject();
	}

	// ---- decoding

	/** Decodes a message of type {@value TransactionMessage#TYPE}; never throws. */
	public Decoded<TransactionMessage> decodeTransaction(byte[] json) {
		return decode(json, TransactionMessage.TYPE, this::readTransactionMessage);
	}

	/** Decodes a message of type {@value BlockMessage#TYPE}; never throws. */
	public Decoded<BlockMessage> decodeBlock(byte[] json) {
		return decode(json, List.of(BlockMessage.TYPE), (type, sender, envelope) -> new BlockMessage(sender,
				readBlock(object(envelope, BlockMessage.TYPE, ""), BlockMessage.TYPE), claimedWork(envelope)));
	}

	/**
	 * Decodes what the NEWBLOCK topic carries: a message of type {@value BlockMessage#TYPE} or
	 * {@value CompactBlockMessage#TYPE}; never throws.
	 */
	public Decoded<BlockAnnouncement> decodeBlockAnnouncement(byte[] json) {
		return decode(json, List.of(BlockMessage.TYPE, CompactBlockMessage.TYPE), (type, sender, envelope) -> {
			JsonNode body = object(envelope, BlockMessage.TYPE, "");
			Optional<BigInteger> work = claimedWork(envelope);
			return BlockMessage.TYPE.equals(type) ? new BlockMessage(sender, readBlock(body, BlockMessage.TYPE), work)
					: new CompactBlockMessage(sender, readCompactBlock(body, BlockMessage.TYPE), work);
		});
	}

	/** The optional {@code work} of a block announcement's envelope. */
	private static Optional<BigInteger> claimedWork(JsonNode envelope) {
		return envelope.has("work") ? Optional.of(work(envelope, "work", "")) : Optional.empty();
	}

	private <T extends WireMessage> Decoded<T> decode(byte[] json, String expectedType,
			BiFunction<String, JsonNode, T> readBody) {
		return decode(json, List.of(expectedType),
				(type, sender, envelope) -> readBody.apply(sender, object(envelope, expectedType, "")));
	}

	/**
	 * Decodes a message of one of {@code expectedTypes}: size, JSON, protocol, type and sender checked here, the rest
	 * by {@code content}, which throws {@link MalformedMessage} to reject. Never throws.
	 */
	<T extends WireMessage> Decoded<T> decode(byte[] json, List<String> expectedTypes, ContentReader<T> content) {
		if (json.length > maxMessageBytes) {
			return new Rejected<>(Decoded.UNKNOWN_SENDER,
					"message of " + json.length + " bytes exceeds the limit of " + maxMessageBytes + " bytes");
		}
		JsonNode root;
		try {
			root = mapper.readTree(json);
		}
		catch (JacksonException ex) {
			return new Rejected<>(Decoded.UNKNOWN_SENDER, "malformed JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			return new Rejected<>(Decoded.UNKNOWN_SENDER, "not a JSON object");
		}
		String claimedSender = peekSender(root);
		try {
			checkProtocol(root);
			String type = text(root, "type", "");
			if (!expectedTypes.contains(type)) {
				throw new MalformedMessage(
						"type is \"" + type + "\", expected \"" + String.join("\" or \"", expectedTypes) + "\"");
			}
			String sender = text(root, "sender", "");
			if (!isMinerId(sender)) {
				throw new MalformedMessage("sender is not a miner id (1 to 64 letters, digits, '.', '-' or '_')");
			}
			return new Ok<>(content.read(type, sender, root));
		}
		catch (MalformedMessage ex) {
			return new Rejected<>(claimedSender, ex.getMessage());
		}
		catch (RuntimeException ex) {
			// a bug here must not reach the MQTT client's thread: report it as a rejection instead
			return new Rejected<>(claimedSender, "undecodable: " + ex);
		}
	}

	/** The sender, if the message names a valid one, for rejections of otherwise malformed messages. */
	private static String peekSender(JsonNode root) {
		JsonNode sender = root.get("sender");
		if (sender != null && sender.isString() && isMinerId(sender.stringValue())) {
			return sender.stringValue();
		}
		return Decoded.UNKNOWN_SENDER;
	}

	private static void checkProtocol(JsonNode root) {
		long protocol = int64(root, "protocol", "");
		if (protocol != PROTOCOL_VERSION) {
			throw new MalformedMessage(
					"unsupported protocol version " + protocol + ", this miner speaks " + PROTOCOL_VERSION);
		}
	}

	private TransactionMessage readTransactionMessage(String sender, JsonNode body) {
		return new TransactionMessage(sender, readTransaction(body, TransactionMessage.TYPE));
	}

	/**
	 * A block object as {@link #writeBlock} writes it, at path {@code at}: its hash recomputed and compared, its
	 * {@code miner} checked against the coinbase.
	 */
	Block readBlock(JsonNode body, String at) {
		if (!body.isObject()) {
			throw new MalformedMessage(at + " must be an object, got " + kind(body));
		}
		BlockHeader header = readHeader(body, at);
		String miner = text(body, "miner", at);
		JsonNode array = field(body, "transactions", at);
		if (!array.isArray()) {
			throw new MalformedMessage(path(at, "transactions") + " must be an array, got " + kind(array));
		}
		if (array.size() > maxTransactions) {
			throw new MalformedMessage(path(at, "transactions") + " holds " + array.size()
					+ " transactions, more than the limit of " + maxTransactions);
		}
		List<Transaction> transactions = new ArrayList<>(array.size());
		for (int i = 0; i < array.size(); i++) {
			transactions.add(readTransaction(array.get(i), at + ".transactions[" + i + "]"));
		}
		Block block = new Block(header, transactions);
		if (!miner.equals(block.miner())) {
			throw new MalformedMessage(path(at, "miner") + " is \"" + miner + "\" but the coinbase names \""
					+ block.miner() + "\"");
		}
		return block;
	}

	/** The header fields of a block object, its {@code hash} checked against them. */
	private static BlockHeader readHeader(JsonNode body, String at) {
		Hash claimedHash = hash(body, "hash", at);
		int version = uint32(body, "version", at);
		Hash previousHash = hash(body, "previousHash", at);
		Hash merkleRoot = hash(body, "merkleRoot", at);
		long timestamp = int64(body, "timestamp", at);
		int bits = bits(body, "bits", at);
		int nonce = uint32(body, "nonce", at);
		BlockHeader header = new BlockHeader(version, previousHash, merkleRoot, timestamp, bits, nonce);
		Hash hash = header.hash();
		if (!hash.equals(claimedHash)) {
			throw new MalformedMessage(path(at, "hash") + " " + claimedHash.abbreviated()
					+ " does not match the header, which hashes to " + hash.abbreviated());
		}
		return header;
	}

	/**
	 * A compact block object as {@link #encode(CompactBlockMessage)} writes it: the header checked as in
	 * {@link #readBlock}, the coinbase prefilled at index 0 and naming {@code miner}, the indexes ascending, the
	 * short ids as many as the transactions not prefilled.
	 */
	private CompactBlock readCompactBlock(JsonNode body, String at) {
		BlockHeader header = readHeader(body, at);
		String miner = text(body, "miner", at);
		long count = int64(body, "transactionCount", at);
		if (count < 1 || count > maxTransactions) {
			throw new MalformedMessage(path(at, "transactionCount") + " must lie in 1.." + maxTransactions
					+ ", got " + count);
		}
		JsonNode array = field(body, "prefilled", at);
		if (!array.isArray()) {
			throw new MalformedMessage(path(at, "prefilled") + " must be an array, got " + kind(array));
		}
		if (array.size() > count) {
			throw new MalformedMessage(path(at, "prefilled") + " holds " + array.size()
					+ " transactions, more than the block's " + count);
		}
		List<Prefilled> prefilled = new ArrayList<>(array.size());
		long previous = -1;
		for (int i = 0; i < array.size(); i++) {
			String element = at + ".prefilled[" + i + "]";
			JsonNode node = array.get(i);
			if (!node.isObject()) {
				throw new MalformedMessage(element + " must be an object, got " + kind(node));
			}
			long index = int64(node, "index", element);
			if (index <= previous || index >= count) {
				throw new MalformedMessage(path(element, "index") + " must lie in " + (previous + 1) + ".."
						+ (count - 1) + ", got " + index);
			}
			previous = index;
			prefilled.add(new Prefilled((int) index, readTransaction(field(node, "transaction", element),
					path(element, "transaction"))));
		}
		if (prefilled.isEmpty() || prefilled.get(0).index() != 0 || !prefilled.get(0).transaction().isCoinbase()) {
			throw new MalformedMessage(path(at, "prefilled") + " must start with the coinbase at index 0");
		}
		if (!miner.equals(prefilled.get(0).transaction().origin())) {
			throw new MalformedMessage(path(at, "miner") + " is \"" + miner + "\" but the coinbase names \""
					+ prefilled.get(0).transaction().origin() + "\"");
		}
		long[] shortIds = readShortIds(text(body, "shortIds", at), (int) count - prefilled.size(),
				path(at, "shortIds"));
		return new CompactBlock(header, (int) count, prefilled, shortIds);
	}

	private static long[] readShortIds(String base64, int expected, String at) {
		byte[] bytes;
		try {
			bytes = BASE64_DECODER.decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedMessage(at + " is not base64: " + ex.getMessage());
		}
		if (bytes.length != (long) expected * ShortTransactionIds.LENGTH) {
			throw new MalformedMessage(at + " holds " + bytes.length + " bytes, expected " + expected + " short ids of "
					+ ShortTransactionIds.LENGTH + " bytes");
		}
		long[] ids = new long[expected];
		for (int i = 0; i < expected; i++) {
			long id = 0;
			for (int b = 0; b < ShortTransactionIds.LENGTH; b++) {
				id = (id << 8) | (bytes[i * ShortTransactionIds.LENGTH + b] & 0xffL);
			}
			ids[i] = id;
		}
		return ids;
	}

	static Transaction readTransaction(JsonNode node, String at) {
		if (!node.isObject()) {
			throw new MalformedMessage(at + " must be an object, got " + kind(node));
		}
		Hash id = hash(node, "id", at);
		String sender = text(node, "sender", at);
		String receiver = text(node, "receiver", at);
		long amount = int64(node, "amount", at);
		String payload = text(node, "payload", at);
		long createdAt = int64(node, "createdAt", at);
		String origin = text(node, "origin", at);
		try {
			// an equal copy this process checked before, when it holds one: kept once, not hashed again
			return VerifiedTransactions.canonical(new Transaction(id, sender, receiver, amount, payload, createdAt,
					origin));
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedMessage(at + ": " + ex.getMessage());
		}
	}

	// ---- typed field access, for the other codecs of the package too: every failure names the field

	static JsonNode field(JsonNode object, String name, String at) {
		JsonNode node = object.get(name);
		if (node == null) {
			throw new MalformedMessage("missing field " + path(at, name));
		}
		if (node.isNull()) {
			throw new MalformedMessage(path(at, name) + " must not be null");
		}
		return node;
	}

	static JsonNode object(JsonNode object, String name, String at) {
		JsonNode node = field(object, name, at);
		if (!node.isObject()) {
			throw new MalformedMessage(path(at, name) + " must be an object, got " + kind(node));
		}
		return node;
	}

	static String text(JsonNode object, String name, String at) {
		JsonNode node = field(object, name, at);
		if (!node.isString()) {
			throw new MalformedMessage(path(at, name) + " must be a string, got " + kind(node));
		}
		return node.stringValue();
	}

	/** Total work as {@link TipMessage} and block announcements carry it: 1 to {@value #MAX_WORK_DIGITS} hex digits. */
	static BigInteger work(JsonNode object, String name, String at) {
		String work = text(object, name, at);
		if (!WORK.matcher(work).matches()) {
			throw new MalformedMessage(path(at, name) + " is not 1 to " + MAX_WORK_DIGITS + " lowercase hex digits");
		}
		return new BigInteger(work, 16);
	}

	static long int64(JsonNode object, String name, String at) {
		JsonNode node = field(object, name, at);
		if (!node.isIntegralNumber()) {
			throw new MalformedMessage(path(at, name) + " must be an integer, got " + kind(node));
		}
		if (!node.canConvertToLong()) {
			throw new MalformedMessage(path(at, name) + " is out of the 64-bit range");
		}
		return node.longValue();
	}

	private static int uint32(JsonNode object, String name, String at) {
		long value = int64(object, name, at);
		if (value < 0 || value > MAX_UINT32) {
			throw new MalformedMessage(path(at, name) + " must lie in 0.." + MAX_UINT32 + ", got " + value);
		}
		return (int) value;
	}

	static Hash hash(JsonNode object, String name, String at) {
		return hash(field(object, name, at), path(at, name));
	}

	/** A hash that is not an object's member, such as an array element, at path {@code at}. */
	static Hash hash(JsonNode node, String at) {
		if (!node.isString()) {
			throw new MalformedMessage(at + " must be a string, got " + kind(node));
		}
		Hash hash = lowercaseHash(node.stringValue());
		if (hash == null) {
			throw new MalformedMessage(at + " must be 64 lowercase hex digits");
		}
		return hash;
	}

	/**
	 * The hash {@code hex} gives, or null if it is not 64 digits of {@code [0-9a-f]}, the wire's rule: checked and
	 * parsed in one pass, for every transaction id of every message.
	 */
	static Hash lowercaseHash(String hex) {
		if (hex.length() != 2 * Hash.LENGTH) {
			return null;
		}
		byte[] bytes = new byte[Hash.LENGTH];
		for (int i = 0; i < bytes.length; i++) {
			int high = lowercaseDigit(hex.charAt(2 * i));
			int low = lowercaseDigit(hex.charAt(2 * i + 1));
			if (high < 0 || low < 0) {
				return null;
			}
			bytes[i] = (byte) (high << 4 | low);
		}
		return Hash.of(bytes);
	}

	private static int lowercaseDigit(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
	}

	private static int bits(JsonNode object, String name, String at) {
		String hex = text(object, name, at);
		if (!BITS_HEX.matcher(hex).matches()) {
			throw new MalformedMessage(path(at, name) + " must be 8 lowercase hex digits");
		}
		return Integer.parseUnsignedInt(hex, 16);
	}

	private static String path(String at, String name) {
		return at.isEmpty() ? name : at + "." + name;
	}

	static String kind(JsonNode node) {
		if (node.isNumber()) {
			return node.isIntegralNumber() ? "an integer" : "a fractional number";
		}
		if (node.isString()) {
			return "a string";
		}
		if (node.isBoolean()) {
			return "a boolean";
		}
		if (node.isArray()) {
			return "an array";
		}
		if (node.isObject()) {
			return "an object";
		}
		return node.getNodeType().name().toLowerCase(Locale.ROOT);
	}

	/** Why a message is not well-formed; caught in {@link #decode} and never thrown to callers. */
	static final class MalformedMessage extends RuntimeException {

		MalformedMessage(String reason) {
			super(reason, null, false, false);
		}

	}

}
