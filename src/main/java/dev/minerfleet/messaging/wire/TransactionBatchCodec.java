package dev.minerfleet.messaging.wire;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.minerfleet.chain.Transaction;
import dev.minerfleet.messaging.wire.Decoded.Ok;
import dev.minerfleet.messaging.wire.WireCodec.MalformedMessage;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The JSON form of {@link TransactionBatchMessage}, the NEWTRX message that carries several transactions, as
 * docs/protocol.md describes it:
 *
 * <pre>
 * {"protocol":1, "type":"transactions", "sender":"miner-1",
 *  "transactions":[{"id":…, "sender":…, "receiver":…, "amount":…, "payload":…, "createdAt":…, "origin":…}, …]}
 * </pre>
 *
 * <p>
 * Built on {@link WireCodec}: the same size limit, JSON rules, envelope checks and transaction objects. On top:
 * {@code transactions} is an array of 1 to {@value TransactionBatchMessage#MAX_TRANSACTIONS} transaction objects.
 * {@link #decode} takes both forms a NEWTRX message may have, this one and the single-transaction message of type
 * {@value TransactionMessage#TYPE}, which it returns as a batch of one; {@link #encode} writes a batch of one in the
 * single-transaction form, which every miner of protocol version 1 reads. Decoding never throws: it returns
 * {@link Decoded}. Thread-safe.
 */
public final class TransactionBatchCodec {

	private static final List<String> TYPES = List.of(TransactionMessage.TYPE, TransactionBatchMessage.TYPE);

	private final WireCodec wire;

	private final TransactionBatchReader reader;

	/** @param wire the codec whose limits and transaction objects these messages share */
	public TransactionBatchCodec(WireCodec wire) {
		this.wire = wire;
		this.reader = new TransactionBatchReader(wire);
	}

	public long maxMessageBytes() {
		return wire.maxMessageBytes();
	}

	/**
	 * A batch of one as a single-transaction message ({@link WireCodec#encode(TransactionMessage)}), a larger one as a
	 * message of type {@value TransactionBatchMessage#TYPE}, whatever the size: callers split batches that would
	 * exceed the size limit.
	 */
	public byte[] encode(TransactionBatchMessage message) {
		List<Transaction> transactions = message.transactions();
		if (transactions.size() == 1) {
			return wire.encode(new TransactionMessage(message.sender(), transactions.get(0)));
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(128 + 256 * transactions.size());
		try (JsonGenerator json = wire.generator(out)) {
			WireCodec.writeEnvelope(json, TransactionBatchMessage.TYPE, message.sender());
			json.writeArrayPropertyStart("transactions");
			for (Transaction tx : transactions) {
				WireCodec.writeTransaction(json, tx);
			}
			json.writeEndArray();
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	/**
	 * One batch as it goes on the wire: its transactions and their message.
	 * @param transactions what {@code payload} carries, in order
	 * @param payload the encoded NEWTRX message; larger than the limit it was cut for only for a lone transaction that
	 * is larger by itself
	 */
	public record EncodedBatch(List<Transaction> transactions, byte[] payload) {
	}

	/**
	 * {@code transactions} as few NEWTRX messages as the limits allow, in order: batches of at most
	 * {@value TransactionBatchMessage#MAX_TRANSACTIONS}, each cut in halves until its message fits {@code maxBytes}.
	 * A transaction too large to fit alone keeps its oversized message: the caller decides.
	 */
	public List<EncodedBatch> encodeInBatches(String sender, List<Transaction> transactions, long maxBytes) {
		List<EncodedBatch> batches = new ArrayList<>();
		for (int from = 0; from < transactions.size(); from += TransactionBatchMessage.MAX_TRANSACTIONS) {
			int to = Math.min(transactions.size(), from + TransactionBatchMessage.MAX_TRANSACTIONS);
			encodeFitting(sender, transactions.subList(from, to), maxBytes, batches);
		}
		return batches;
	}

	private void encodeFitting(String sender, List<Transaction> transactions, long maxBytes,
			List<EncodedBatch> batches) {
		byte[] payload = encode(new TransactionBatchMessage(sender, transactions));
		if (payload.length > maxBytes && transactions.size() > 1) {
			int half = transactions.size() / 2;
			encodeFitting(sender, transactions.subList(0, half), maxBytes, batches);
			encodeFitting(sender, transactions.subList(half, transactions.size()), maxBytes, batches);
			return;
		}
		batches.add(new EncodedBatch(List.copyOf(transactions), payload));
	}

	/**
	 * Decodes a NEWTRX message of either type, {@value TransactionMessage#TYPE} or
	 * {@value TransactionBatchMessage#TYPE}; never throws.
	 */
	public Decoded<TransactionBatchMessage> decode(byte[] json) {
		Optional<TransactionBatchMessage> read = reader.read(json);
		return read.isPresent() ? new Ok<>(read.get()) : decodeByTree(json);
	}

	/**
	 * {@link #decode} without its fast path ({@link TransactionBatchReader}): the JSON tree, then every check, each
	 * failure named. What {@link #decode} falls back to, public for the bench that compares the two
	 * ({@code bench/newtrx-decode.sh}).
	 */
	public Decoded<TransactionBatchMessage> decodeByTree(byte[] json) {
		return wire.decode(json, TYPES, this::read);
	}

	private TransactionBatchMessage read(String type, String sender, JsonNode envelope) {
		if (TransactionMessage.TYPE.equals(type)) {
			JsonNode body = WireCodec.field(envelope, TransactionMessage.TYPE, "");
			if (!body.isObject()) {
				throw new MalformedMessage(TransactionMessage.TYPE + " must be an object, got " + WireCodec.kind(body));
			}
			return new TransactionBatchMessage(sender, List.of(WireCodec.readTransaction(body, TransactionMessage.TYPE)));
		}
		JsonNode array = WireCodec.field(envelope, "transactions", "");
		if (!array.isArray()) {
			throw new MalformedMessage("transactions must be an array, got " + WireCodec.kind(array));
		}
		if (array.isEmpty()) {
			throw new MalformedMessage("transactions must hold at least one transaction");
		}
		if (array.size() > TransactionBatchMessage.MAX_TRANSACTIONS) {
			throw new MalformedMessage("transactions holds " + array.size() + " transactions, more than the limit of "
					+ TransactionBatchMessage.MAX_TRANSACTIONS);
		}
		List<Transaction> transactions = new ArrayList<>(array.size());
		for (int i = 0; i < array.size(); i++) {
			transactions.add(WireCodec.readTransaction(array.get(i), "transactions[" + i + "]"));
		}
		return new TransactionBatchMessage(sender, transactions);
	}

}
