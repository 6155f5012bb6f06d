package dev.minerfleet.messaging;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.messaging.wire.BlockTransactionsMessage;
import dev.minerfleet.messaging.wire.BlocksMessage;
import dev.minerfleet.messaging.wire.GetBlockTransactionsMessage;
import dev.minerfleet.messaging.wire.GetBlocksMessage;
import dev.minerfleet.messaging.wire.SyncCodec;
import dev.minerfleet.messaging.wire.TipMessage;
import dev.minerfleet.node.BlockTransactionExchange;
import dev.minerfleet.node.MinerProperties;
import dev.minerfleet.node.SyncRequester;
import dev.minerfleet.node.SyncResponder;
import dev.minerfleet.node.TipPublisher;

/**
 * The node's sync ports on MQTT: a request goes to the asked miner's topic {@code <prefix>/SYNC/<peer>}, a reply to
 * the requester's, as do compact block relay's requests for transactions and their answers; a tip announcement to {@code <prefix>/TIP} and its answer to the announcer's sync topic, encoded with {@link SyncCodec} and published through {@link MqttGateway}. A reply holds as many of
 * its blocks as fit in {@code mqtt.max-message-size}. Never throws into the caller: while the broker is unreachable
 * nothing is sent (the broadcaster and the connection watch report the outage), and sync gives up the request.
 */
@Component
class MqttSyncPublisher implements SyncRequester, SyncResponder, TipPublisher, BlockTransactionExchange {

	private static final Logger log = LoggerFactory.getLogger(MqttSyncPublisher.class);

	private final MqttGateway gateway;

	private final SyncCodec codec;

	private final MqttProperties mqtt;

	private final String minerId;

	MqttSyncPublisher(MqttGateway gateway, SyncCodec codec, MqttProperties mqtt, MinerProperties miner) {
		this.gateway = gateway;
		this.codec = codec;
		this.mqtt = mqtt;
		this.minerId = miner.id();
	}

	@Override
	public boolean requestBlocks(String peer, String requestId, List<Hash> locator, int max) {
		byte[] payload = codec.encode(new GetBlocksMessage(minerId, requestId, locator, max));
		return publish(payload, mqtt.syncTopic(peer), "sync request " + requestId + " to " + peer);
	}

	@Override
	public int sendBlocks(String requester, String requestId, List<Block> blocks, boolean more) {
		SyncCodec.FittedReply fitted = codec.encodeFitted(new BlocksMessage(minerId, requestId, blocks, more));
		BlocksMessage reply = fitted.message();
		if (reply.blocks().isEmpty() && !blocks.isEmpty()) {
			log.warn("Block {} does not fit in one message of mqtt.max-message-size ({} bytes): cannot send it to {}",
					blocks.get(0).hash().abbreviated(), codec.maxMessageBytes(), requester);
		}
		byte[] payload = fitted.payload();
		boolean sent = publish(payload, mqtt.syncTopic(requester), "sync reply " + requestId + " to " + requester);
		return sent ? reply.blocks().size() : 0;
	}

	@Override
	public boolean announce(StoredBlock tip) {
		return publish(codec.encode(tipMessage(tip)), mqtt.tipTopic(), "tip announcement");
	}

	@Override
	public boolean answer(String peer, StoredBlock tip) {
		return publish(codec.encode(tipMessage(tip)), mqtt.syncTopic(peer), "tip to " + peer);
	}

	@Override
	public boolean requestTransactions(String peer, Hash blockHash, List<Integer> indexes) {
		byte[] payload = codec.encode(new GetBlockTransactionsMessage(minerId, blockHash, indexes));
		return publish(payload, mqtt.syncTopic(peer),
				"request for " + indexes.size() + " transactions of block " + blockHash.abbreviated() + " to " + peer);
	}

	@Override
	public boolean sendTransactions(String requester, Hash blockHash, List<Integer> indexes,
			List<Transaction> transactions) {
		byte[] payload = codec.encode(new BlockTransactionsMessage(minerId, blockHash, indexes, transactions));
		return publish(payload, mqtt.syncTopic(requester), transactions.size() + " transactions of block "
				+ blockHash.abbreviated() + " to " + requester);
	}

	private TipMessage tipMessage(StoredBlock tip) {
		return new TipMessage(minerId, tip.height(), tip.hash(), tip.chainWork());
	}

	private boolean publish(byte[] payload, String topic, String what) {
		if (payload.length > codec.maxMessageBytes()) {
			log.warn("Not sending {}: {} bytes exceed mqtt.max-message-size of {} bytes", what, payload.length,
					codec.maxMessageBytes());
			return false;
		}
		try {
			gateway.publish(payload, topic);
			return true;
		}
		catch (RuntimeException ex) {
			log.debug("Cannot send {} ({})", what, NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
			return false;
		}
	}

}
