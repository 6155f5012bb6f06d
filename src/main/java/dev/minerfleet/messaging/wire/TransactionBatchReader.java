package dev.minerfleet.messaging.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.chain.VerifiedTransactions;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonParser.NumberType;
import tools.jackson.core.JsonToken;

/**
 * The fast path of {@link TransactionBatchCodec#decode}: reads a NEWTRX message token by token, as the encoder writes
 * it, without building a JSON tree. The tree cost more than half of decoding a batch, and decoding NEWTRX was the
 * largest share of a busy miner's CPU (docs/benchmarks.md, "Block propagation").
 *
 * <p>
 * It only ever accepts: anything it does not expect (a field it does not know or sees twice, a null, a number that is
 * not a 64-bit integer, a value the chain's rules refuse, malformed JSON, trailing tokens) makes it give up, and the
 * codec decodes the message by its tree instead, which accepts it or says exactly why not. So a message this reader
 * accepts is one the tree decoding accepts as the same message, which {@code TransactionBatchReaderTests} checks on
 * mutants, and every rejection reads as before. Thread-safe: a parser per call.
 */
final class TransactionBatchReader {

	/** The members of the envelope, each at most once: a name seen twice is left to the tree, which refuses it. */
	private static final List<String> ENVELOPE = List.of("protocol", "type", "sender", "transactions",
			TransactionMessage.TYPE);

	/** The members of a transaction object, likewise. */
	private static final List<String> TRANSACTION = List.of("id", "sender", "receiver", "amount", "payload",
			"createdAt", "origin");

	private final WireCodec wire;

	TransactionBatchReader(WireCodec wire) {
		this.wire = wire;
	}

	/** The message, or empty when the tree decoding must decide; never throws. */
	Optional<TransactionBatchMessage> read(byte[] json) {
		if (json.length > wire.maxMessageBytes()) {
			return Optional.empty();
		}
		try (JsonParser parser = wire.parserAllowingDuplicateNames(json)) {
			return Optional.ofNullable(message(parser));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** Null where the tree decoding must decide. */
	private static TransactionBatchMessage message(JsonParser parser) {
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			return null;
		}
		boolean protocol = false;
		String type = null;
		String sender = null;
		List<Transaction> transactions = null;
		String body = null;
		int seen = 0;
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			int field = ENVELOPE.indexOf(name);
			if (field < 0 || (seen & 1 << field) != 0) {
				return null;
			}
			seen |= 1 << field;
			JsonToken value = parser.nextToken();
			switch (name) {
				case "protocol" -> protocol = value == JsonToken.VALUE_NUMBER_INT && isLong(parser)
						&& parser.getLongValue() == WireCodec.PROTOCOL_VERSION;
				case "type" -> type = (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
				case "sender" -> sender = (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
				case "transactions" -> {
					transactions = (value == JsonToken.START_ARRAY && body == null) ? array(parser) : null;
					body = name;
				}
				case TransactionMessage.TYPE -> {
					Transaction single = (value == JsonToken.START_OBJECT && body == null) ? transaction(parser) : null;
					transactions = (single == null) ? null : List.of(single);
					body = name;
				}
				default -> throw new IllegalStateException("not an envelope member: " + name);
			}
			if (!protocol && name.equals("protocol") || type == null && name.equals("type")
					|| sender == null && name.equals("sender") || transactions == null && name.equals(body)) {
				return null;
			}
		}
		if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null || !protocol || type == null
				|| sender == null || transactions == null || !WireCodec.isMinerId(sender)) {
			return null;
		}
		boolean batchType = TransactionBatchMessage.TYPE.equals(type) && body.equals("transactions");
		boolean singleType = TransactionMessage.TYPE.equals(type) && body.equals(TransactionMessage.TYPE);
		return (batchType || singleType) ? new TransactionBatchMessage(sender, transactions) : null;
	}

	/** The transactions of a batch, the parser on its start; null where the tree decoding must decide. */
	private static List<Transaction> array(JsonParser parser) {
		List<Transaction> transactions = new ArrayList<>();
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			if (token != JsonToken.START_OBJECT || transactions.size() == TransactionBatchMessage.MAX_TRANSACTIONS) {
				return null;
			}
			Transaction tx = transaction(parser);
			if (tx == null) {
				return null;
			}
			transactions.add(tx);
		}
		return transactions.isEmpty() ? null : transactions;
	}

	/** One transaction object, the parser on its start; null where the tree decoding must decide. */
	private static Transaction transaction(JsonParser parser) {
		Hash id = null;
		String sender = null;
		String receiver = null;
		String payload = null;
		String origin = null;
		long amount = -1;
		long createdAt = -1;
		int seen = 0;
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			int field = TRANSACTION.indexOf(name);
			if (field < 0 || (seen & 1 << field) != 0) {
				return null;
			}
			seen |= 1 << field;
			JsonToken value = parser.nextToken();
			boolean text = value == JsonToken.VALUE_STRING;
			boolean integer = value == JsonToken.VALUE_NUMBER_INT && isLong(parser);
			if (!text && !integer) {
				return null;
			}
			switch (name) {
				case "id" -> {
					id = text ? WireCodec.lowercaseHash(parser.getString()) : null;
					if (id == null) {
						return null;
					}
				}
				case "sender" -> sender = text ? parser.getString() : null;
				case "receiver" -> receiver = text ? parser.getString() : null;
				case "payload" -> payload = text ? parser.getString() : null;
				case "origin" -> origin = text ? parser.getString() : null;
				case "amount" -> amount = integer ? parser.getLongValue() : -1;
				case "createdAt" -> createdAt = integer ? parser.getLongValue() : -1;
				default -> throw new IllegalStateException("not a transaction member: " + name);
			}
		}
		// a field missing, or of the wrong type, left null or -1 (which the chain's rules refuse too)
		if (id == null || sender == null || receiver == null || payload == null || origin == null || amount < 0
				|| createdAt < 0) {
			return null;
		}
		try {
			return VerifiedTransactions.canonical(new Transaction(id, sender, receiver, amount, payload, createdAt,
					origin));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static boolean isLong(JsonParser parser) {
		NumberType type = parser.getNumberType();
		return type == NumberType.INT || type == NumberType.LONG;
	}

}
