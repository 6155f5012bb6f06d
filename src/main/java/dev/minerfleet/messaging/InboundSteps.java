package dev.minerfleet.messaging;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.mempool.Mempool.Admission;
import dev.minerfleet.messaging.wire.BlockAnnouncement;
import dev.minerfleet.messaging.wire.BlockMessage;
import dev.minerfleet.messaging.wire.BlockTransactionsMessage;
import dev.minerfleet.messaging.wire.CompactBlockMessage;
import dev.minerfleet.messaging.wire.GetBlockTransactionsMessage;
import dev.minerfleet.messaging.wire.BlocksMessage;
import dev.minerfleet.messaging.wire.Decoded;
import dev.minerfleet.messaging.wire.Decoded.Ok;
import dev.minerfleet.messaging.wire.Decoded.Rejected;
import dev.minerfleet.messaging.wire.GetBlocksMessage;
import dev.minerfleet.messaging.wire.SyncCodec;
import dev.minerfleet.messaging.wire.SyncMessage;
import dev.minerfleet.messaging.wire.TipMessage;
import dev.minerfleet.messaging.wire.TransactionBatchCodec;
import dev.minerfleet.messaging.wire.TransactionBatchMessage;
import dev.minerfleet.messaging.wire.TransactionMessage;
import dev.minerfleet.messaging.wire.WireCodec;
import dev.minerfleet.messaging.wire.WireMessage;
import dev.minerfleet.network.DelayLine;
import dev.minerfleet.network.Traffic;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.node.CompactBlockRelay;
import dev.minerfleet.node.MinerProperties;
import dev.minerfleet.node.NodeObserver.MessageKind;
import dev.minerfleet.node.SyncService;

/**
 * The steps of the inbound flows, one method each, in flow order: route by topic, decode, drop own echoes, convey
 * through the simulated network, deliver (to the chain or to sync). They run on the MQTT client's delivery thread,
 * except deliveries the network holds back, which run on the miner's network thread: none blocks, and none lets an
 * exception out for a bad message (an exception there would drop the connection); what the node itself throws goes to
 * {@link #reportFailure}.
 */
final class InboundSteps {

	private static final Logger log = LoggerFactory.getLogger(InboundSteps.class);

	private final ChainService chain;

	private final SyncService sync;

	private final CompactBlockRelay relay;

	private final WireCodec codec;

	private final SyncCodec syncCodec;

	private final TransactionBatchCodec batchCodec;

	private final String transactionTopic;

	private final String blockTopic;

	private final String syncTopic;

	private final String tipTopic;

	private final DelayLine network;

	InboundSteps(ChainService chain, SyncService sync, CompactBlockRelay relay, WireCodec codec, SyncCodec syncCodec,
			MqttProperties mqtt, MinerProperties miner, DelayLine network) {
		this.network = network;
		this.relay = relay;
		this.chain = chain;
		this.sync = sync;
		this.codec = codec;
		this.syncCodec = syncCodec;
		this.batchCodec = new TransactionBatchCodec(codec);
		this.transactionTopic = mqtt.transactionTopic();
		this.blockTopic = mqtt.blockTopic();
		this.syncTopic = mqtt.syncTopic(miner.id());
		this.tipTopic = mqtt.tipTopic();
	}

	/**
	 * The channel for a received MQTT message: {@value Channels#NEW_TRANSACTIONS}, {@value Channels#NEW_BLOCKS} or,
	 * for this miner's own sync topic and the tip topic, {@value Channels#SYNC} by its topic; {@code nullChannel} (dropped) for any
	 * other topic.
	 */
	String channelFor(Message<?> message) {
		Object topic = message.getHeaders().get(MqttHeaders.RECEIVED_TOPIC);
		if (transactionTopic.equals(topic)) {
			return Channels.NEW_TRANSACTIONS;
		}
		if (blockTopic.equals(topic)) {
			return Channels.NEW_BLOCKS;
		}
		if (syncTopic.equals(topic) || tipTopic.equals(topic)) {
			return Channels.SYNC;
		}
		log.debug("Dropped MQTT message on unexpected topic {}", topic);
		return IntegrationContextUtils.NULL_CHANNEL_BEAN_NAME;
	}

	/**
	 * The transaction message in {@code payload}, or {@code null} (the flow stops) after reporting why it could not
	 * be decoded.
	 */
	@Nullable TransactionMessage decodeTransaction(byte[] payload, MessageHeaders headers) {
		return accept(codec.decodeTransaction(payload), MessageKind.TRANSACTION);
	}

	/**
	 * The transactions of the NEWTRX message in {@code payload}, of either form (one transaction or a batch), or
	 * {@code null} (the flow stops) after reporting why it could not be decoded.
	 */
	@Nullable TransactionBatchMessage decodeTransactions(byte[] payload, MessageHeaders headers) {
		return accept(batchCodec.decode(payload), MessageKind.TRANSACTION);
	}

	/**
	 * The block message in {@code payload}, or {@code null} (the flow stops) after reporting why it could not be
	 * decoded.
	 */
	@Nullable BlockAnnouncement decodeBlock(byte[] payload, MessageHeaders headers) {
		return accept(codec.decodeBlockAnnouncement(payload), MessageKind.BLOCK);
	}

	/**
	 * The sync request or reply in {@code payload}, or {@code null} (the flow stops) after reporting why it could not
	 * be decoded.
	 */
	@Nullable SyncMessage decodeSync(byte[] payload, MessageHeaders headers) {
		return accept(syncCodec.decode(payload), MessageKind.SYNC);
	}

	private <T extends WireMessage> @Nullable T accept(Decoded<T> decoded, MessageKind kind) {
		if (decoded instanceof Ok<T> ok) {
			return ok.message();
		}
		Rejected<T> rejected = (Rejected<T>) decoded;
		chain.rejectMessage(kind, rejected.sender(), rejected.reason());
		return null;
	}

	/**
	 * False for the echoes of this miner's own messages: MQTT 3.1.1 delivers a client's publications back to it when
	 * it subscribes to the same topic.
	 */
	boolean isFromAnotherMiner(WireMessage message) {
		return !chain.minerId().equals(message.sender());
	}

	/**
	 * Hands the transaction to the network conditions, which drop it, deliver it now or deliver it later
	 * ({@link #deliverTransaction}). Returns nothing: the flow ends here.
	 */
	@Nullable Object conveyTransaction(TransactionMessage message, MessageHeaders headers) {
		network.convey(message.sender(), Traffic.TRANSACTION, () -> deliverTransaction(message, headers));
		return null;
	}

	/**
	 * Hands the transactions of one message to the network conditions, which drop them, deliver them now or later
	 * ({@link #deliverTransactions}), together, as one message. Returns nothing: the flow ends here.
	 */
	@Nullable Object conveyTransactions(TransactionBatchMessage message, MessageHeaders headers) {
		network.convey(message.sender(), Traffic.TRANSACTION, () -> deliverTransactions(message, headers));
		return null;
	}

	/** Hands the block to the network conditions, which drop it, deliver it now or later ({@link #deliverBlock}). */
	@Nullable Object conveyBlock(BlockAnnouncement message, MessageHeaders headers) {
		network.convey(message.sender(), Traffic.BLOCK, () -> deliverBlock(message, headers));
		return null;
	}

	/**
	 * Hands a sync message to the network conditions, which drop it, deliver it now or later ({@link #deliverSync});
	 * what comes on the tip topic counts as {@link Traffic#TIP}.
	 */
	@Nullable Object conveySync(SyncMessage message, MessageHeaders headers) {
		Traffic traffic = tipTopic.equals(headers.get(MqttHeaders.RECEIVED_TOPIC)) ? Traffic.TIP : Traffic.SYNC;
		network.convey(message.sender(), traffic, () -> deliverSync(message, headers));
		return null;
	}

	Admission deliverTransaction(TransactionMessage message, MessageHeaders headers) {
		return chain.receiveTransaction(message.transaction(), message.sender());
	}

	List<Admission> deliverTransactions(TransactionBatchMessage message, MessageHeaders headers) {
		return chain.receiveTransactions(message.transactions(), message.sender());
	}

	/**
	 * Hands a whole block to the chain, then what became of it to sync, which asks for the blocks before an orphan; a
	 * compact block to the relay, which rebuilds it and does the same. Returns nothing: the flow ends here.
	 */
	@Nullable Object deliverBlock(BlockAnnouncement message, MessageHeaders headers) {
		if (message instanceof CompactBlockMessage compact) {
			relay.receive(compact.sender(), compact.block(), compact.work());
		}
		else if (message instanceof BlockMessage whole) {
			AddResult result = chain.receiveBlock(whole.block(), whole.sender());
			sync.afterBlockReceived(whole.sender(), result, whole.work());
		}
		return null;
	}

	/**
	 * Hands a request to be answered, a reply to be taken or a tip to be heard to sync. A tip announcement is the only
	 * message of the tip topic: anything else there is rejected. Returns nothing: the flow ends here.
	 */
	@Nullable Object deliverSync(SyncMessage message, MessageHeaders headers) {
		boolean announced = tipTopic.equals(headers.get(MqttHeaders.RECEIVED_TOPIC));
		if (message instanceof TipMessage tip) {
			sync.tipHeard(tip.sender(), tip.hash(), tip.work(), announced);
		}
		else if (announced) {
			chain.rejectMessage(MessageKind.SYNC, message.sender(), "only tip messages belong on " + tipTopic);
		}
		else if (message instanceof GetBlocksMessage request) {
			sync.answerRequest(request.sender(), request.requestId(), request.locator(), request.max());
		}
		else if (message instanceof BlocksMessage reply) {
			sync.handleReply(reply.sender(), reply.requestId(), reply.blocks(), reply.more());
		}
		else if (message instanceof GetBlockTransactionsMessage request) {
			relay.answer(request.sender(), request.blockHash(), request.indexes());
		}
		else if (message instanceof BlockTransactionsMessage reply) {
			relay.transactionsReceived(reply.sender(), reply.blockHash(), reply.indexes(), reply.transactions());
		}
		return null;
	}

	/**
	 * Logs a failure of inbound handling (a bug: bad messages are rejected, not thrown) instead of letting it reach
	 * the MQTT client, which would drop the connection. Returns nothing: the error flow ends here.
	 */
	@Nullable Object reportFailure(Throwable failure, MessageHeaders headers) {
		log.error("Failed to handle an MQTT message; dropped it", failure);
		return null;
	}

}
