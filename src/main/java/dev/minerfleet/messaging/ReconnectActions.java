package dev.minerfleet.messaging;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.context.event.EventListener;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.mqtt.event.MqttSubscribedEvent;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

import dev.minerfleet.chain.Transaction;
import dev.minerfleet.messaging.wire.TransactionBatchCodec;
import dev.minerfleet.messaging.wire.TransactionBatchCodec.EncodedBatch;
import dev.minerfleet.messaging.wire.WireCodec;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.node.MinerProperties;
import dev.minerfleet.node.SyncProperties;
import dev.minerfleet.node.SyncService;

/**
 * What a miner does each time its subscriptions are in place, on connecting and on reconnecting after an outage:
 * <ol>
 * <li>announces its tip ({@link SyncService#announceTip()}), so that it catches up from a miner with more work, or
 * such a miner from it, at once rather than at the next block found;</li>
 * <li>sends its pending transactions again, the newest {@value #MAX_RESENT} at most, as batches
 * ({@link TransactionBatchCodec#encodeInBatches}): those created or received during the outage never reached the
 * other miners, whose mempools take the rest as duplicates.</li>
 * </ol>
 * And every {@code sync.announce-interval} (30 s):
 * <ul>
 * <li>it announces its tip again, so that a sync session that stopped early (a limit reached, a request unanswered)
 * resumes even when no block arrives to restart it;</li>
 * <li>it sends again, as batches, the transactions it made itself that have waited that long without reaching a block
 * ({@link dev.minerfleet.mempool.Mempool#lingering}), at most {@value #MAX_LINGERING_RESENT}: one made while a
 * partition cut this miner off, or lost on the way, would otherwise reach the others only in a block of this miner's,
 * and never if it does not mine. Bitcoin's wallet rebroadcasts its own unconfirmed transactions the same way.</li>
 * </ul>
 * <p>
 * All of it runs on a thread of its own, one connection at a time: what still runs when the next connection comes is
 * cancelled and starts over.
 */
@Component
class ReconnectActions {

	private static final Logger log = LoggerFactory.getLogger(ReconnectActions.class);

	/** The most pending transactions sent again per connection. */
	static final int MAX_RESENT = 10_000;

	/** The most transactions that waited for a block sent again per interval. */
	static final int MAX_LINGERING_RESENT = 1_000;

	/** How often one publication is retried while the client's in-flight window is full, and how long apart. */
	private static final int FULL_WINDOW_RETRIES = 200;

	private static final long FULL_WINDOW_PAUSE_MILLIS = 10;

	/** How often the tip announcement is retried while it cannot be sent, and how long apart. */
	private static final int ANNOUNCE_RETRIES = 20;

	private static final long ANNOUNCE_PAUSE_MILLIS = 250;

	private final SyncService sync;

	private final ChainService chain;

	private final MqttGateway gateway;

	private final TransactionBatchCodec batches;

	private final long maxMessageBytes;

	private final long intervalMillis;

	private final String minerId;

	private final String transactionTopic;

	private final ScheduledExecutorService executor;

	private @Nullable Future<?> running;

	ReconnectActions(SyncService sync, ChainService chain, MqttGateway gateway, WireCodec codec, MqttProperties mqtt,
			MinerProperties miner, SyncProperties syncProperties) {
		this.sync = sync;
		this.chain = chain;
		this.gateway = gateway;
		this.batches = new TransactionBatchCodec(codec);
		this.maxMessageBytes = codec.maxMessageBytes();
		this.minerId = miner.id();
		this.transactionTopic = mqtt.transactionTopic();
		this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "reconnect-" + miner.id());
			thread.setDaemon(true);
			return thread;
		});
		this.intervalMillis = syncProperties.announceInterval().toMillis();
		if (intervalMillis > 0) {
			// while the broker is away neither goes out
			executor.scheduleWithFixedDelay(this::everyInterval, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
		}
	}

	private void everyInterval() {
		try {
			sync.announceTipAgain();
		}
		catch (RuntimeException ex) {
			log.warn("Could not announce this miner's tip", ex);
		}
		try {
			List<Transaction> lingering = chain.mempool()
				.lingering(minerId, System.currentTimeMillis() - intervalMillis, MAX_LINGERING_RESENT);
			if (!lingering.isEmpty()) {
				int sent = resend(lingering);
				// none sent: the broker is away, which MqttConnectionWatch reports already
				log.atLevel((sent > 0) ? Level.INFO : Level.DEBUG)
					.log("Sent again {} of the {} transactions this miner made that waited {} s or more for a block",
							sent, lingering.size(), intervalMillis / 1000.0);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not send again the transactions that waited for a block", ex);
		}
	}

	@EventListener
	void subscribed(MqttSubscribedEvent event) {
		synchronized (this) {
			if (running != null) {
				running.cancel(true);
			}
			if (!executor.isShutdown()) {
				running = executor.submit(this::afterSubscribing);
			}
		}
	}

	private void afterSubscribing() {
		// on start-up the subscriptions may be in place before the outbound side runs: retry a while
		for (int attempt = 0; !sync.announceTip(); attempt++) {
			if (attempt == ANNOUNCE_RETRIES || !pause(ANNOUNCE_PAUSE_MILLIS)) {
				log.warn("Could not announce this miner's tip after connecting; the next block will do instead");
				break;
			}
		}
		List<Transaction> pending = chain.mempool().transactions();
		List<Transaction> newest = pending.subList(Math.max(0, pending.size() - MAX_RESENT), pending.size());
		if (!newest.isEmpty() && !Thread.currentThread().isInterrupted()) {
			int sent = resend(newest);
			log.info("Sent {} of {} pending transactions again after connecting", sent, newest.size());
		}
	}

	private static boolean pause(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Publishes the transactions as batches, waiting while the in-flight window is full; stops if the connection goes.
	 * @return how many were sent
	 */
	private int resend(List<Transaction> transactions) {
		int sent = 0;
		for (EncodedBatch batch : batches.encodeInBatches(minerId, transactions, maxMessageBytes)) {
			if (batch.payload().length > maxMessageBytes) {
				// as MqttBroadcaster: what the others would refuse is not sent (only a tiny mqtt.max-message-size does it)
				continue;
			}
			if (Thread.currentThread().isInterrupted() || !publish(batch.payload())) {
				break;
			}
			sent += batch.transactions().size();
		}
		return sent;
	}

	/** @return false when the connection went: the rest need not be tried */
	private boolean publish(byte[] payload) {
		for (int attempt = 0; attempt <= FULL_WINDOW_RETRIES; attempt++) {
			try {
				gateway.publish(payload, transactionTopic);
				return true;
			}
			catch (RuntimeException ex) {
				Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
				boolean windowFull = cause instanceof MqttException mqtt
						&& mqtt.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT;
				if (!windowFull) {
					log.debug("Stopped sending pending transactions again: {}", cause.getMessage());
					return false;
				}
			}
			if (!pause(FULL_WINDOW_PAUSE_MILLIS)) {
				return false;
			}
		}
		return false;
	}

	/** Stops a resend in progress; Spring calls it on shutdown. */
	@PreDestroy
	void close() {
		executor.shutdownNow();
	}

}
