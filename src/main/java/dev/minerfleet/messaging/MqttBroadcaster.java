package dev.minerfleet.messaging;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

import dev.minerfleet.chain.CompactBlock;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.messaging.wire.BlockMessage;
import dev.minerfleet.messaging.wire.CompactBlockMessage;
import dev.minerfleet.messaging.wire.TransactionBatchCodec;
import dev.minerfleet.messaging.wire.TransactionBatchCodec.EncodedBatch;
import dev.minerfleet.messaging.wire.TransactionMessage;
import dev.minerfleet.messaging.wire.WireCodec;
import dev.minerfleet.node.BlockBroadcaster;
import dev.minerfleet.node.MinerProperties;
import dev.minerfleet.node.RelayProperties;
import dev.minerfleet.node.TransactionBroadcaster;

/**
 * The node's broadcaster ports on MQTT: encodes with {@link WireCodec} and publishes through {@link MqttGateway};
 * blocks in compact form ({@link CompactBlockMessage}) unless {@code relay.compact-blocks} is off.
 * Never throws into the caller (the miner or a REST request): while the broker is unreachable, messages are dropped
 * with one WARN per outage; the node's chain and mempool are unaffected, and other miners catch up on the next block
 * they receive from this one.
 */
@Component
class MqttBroadcaster implements BlockBroadcaster, TransactionBroadcaster {

	private static final Logger log = LoggerFactory.getLogger(MqttBroadcaster.class);

	private final MqttGateway gateway;

	private final WireCodec codec;

	private final TransactionBatchCodec batchCodec;

	private final String minerId;

	private final String url;

	private final String transactionTopic;

	private final String blockTopic;

	private final long maxMessageBytes;

	private final boolean compactBlocks;

	private final AtomicBoolean failing = new AtomicBoolean();

	MqttBroadcaster(MqttGateway gateway, WireCodec codec, MqttProperties mqtt, MinerProperties miner,
			RelayProperties relay) {
		this.compactBlocks = relay.compactBlocks();
		this.gateway = gateway;
		this.codec = codec;
		this.batchCodec = new TransactionBatchCodec(codec);
		this.minerId = miner.id();
		this.url = mqtt.url();
		this.transactionTopic = mqtt.transactionTopic();
		this.blockTopic = mqtt.blockTopic();
		this.maxMessageBytes = mqtt.maxMessageSize().toBytes();
	}

	@Override
	public void broadcast(Transaction transaction) {
		publish(codec.encode(new TransactionMessage(minerId, transaction)), transactionTopic, "transaction",
				transaction.id().abbreviated());
	}

	/**
	 * Publishes {@code transactions} as one NEWTRX message ({@link TransactionBatchCodec}: a lone transaction in the
	 * single-transaction form), or as several when one would exceed {@code mqtt.max-message-size}: the batch is cut in
	 * halves until each fits.
	 */
	void broadcast(List<Transaction> transactions) {
		for (EncodedBatch batch : batchCodec.encodeInBatches(minerId, transactions, maxMessageBytes)) {
			List<Transaction> carried = batch.transactions();
			publish(batch.payload(), transactionTopic, "transaction", carried.get(0).id().abbreviated()
					+ ((carried.size() > 1) ? " and " + (carried.size() - 1) + " more" : ""));
		}
	}

	@Override
	public void broadcast(StoredBlock block, Set<Hash> sendWhole) {
		Optional<BigInteger> work = Optional.of(block.chainWork());
		byte[] payload = compactBlocks
				? codec.encode(new CompactBlockMessage(minerId, CompactBlock.of(block.block(), sendWhole), work))
				: codec.encode(new BlockMessage(minerId, block.block(), work));
		publish(payload, blockTopic, "block", block.hash().abbreviated());
	}

	private void publish(byte[] payload, String topic, String kind, String id) {
		if (payload.length > maxMessageBytes) {
			log.warn("Not broadcasting {} {}: {} bytes exceed mqtt.max-message-size of {} bytes", kind, id,
					payload.length, maxMessageBytes);
			return;
		}
		try {
			gateway.publish(payload, topic);
		}
		catch (RuntimeException ex) {
			if (failing.compareAndSet(false, true)) {
				log.warn("Cannot publish to MQTT broker {} ({}): dropping broadcasts until it is back", url,
						NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
			}
			return;
		}
		if (failing.compareAndSet(true, false)) {
			log.info("Publishing to MQTT broker {} again", url);
		}
	}

}
