package dev.minerfleet.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.springframework.context.SmartLifecycle;

import dev.minerfleet.chain.Transaction;
import dev.minerfleet.node.TransactionBroadcaster;

/**
 * The node's transaction broadcaster: coalesces the transactions this miner makes within
 * {@code mqtt.transaction-batching.max-delay} into one batch, handed to {@code send} (which publishes it as one NEWTRX
 * message) when the delay of its first transaction is up or as soon as it holds
 * {@code mqtt.transaction-batching.max-transactions}. Transactions leave in the order they came. With batching off,
 * or while the batcher is not running, each transaction is sent at once, alone. The delay runs on a thread of its own,
 * "trxbatch-&lt;miner id&gt;"; stopping sends what waits, in the default (last) lifecycle phase, so before the MQTT
 * adapters and client stop. {@link #flush()} sends what waits at once: a block this miner found goes out after the
 * transactions it made before it ({@link TransactionsFirstBlockBroadcaster}). Batches leave one at a time, in order,
 * whichever thread sends them. Thread-safe.
 */
final class TransactionBatcher implements TransactionBroadcaster, SmartLifecycle {

	private final TransactionBatchingProperties properties;

	private final Consumer<List<Transaction>> send;

	private final String threadName;

	private final Object lock = new Object();

	/**
	 * Held while a batch is taken and sent, so batches leave in the order they were taken and {@link #flush()} returns
	 * only once every transaction handed over before it has been sent. Taken before {@code lock}, never inside it.
	 */
	private final Object sending = new Object();

	/** Guarded by lock, as are the fields below. */
	private List<Transaction> pending = new ArrayList<>();

	private boolean flushScheduled;

	private ScheduledExecutorService scheduler;

	/**
	 * @param send publishes one batch; called on the broadcasting thread (a full batch) or the batcher's own (a batch
	 * whose delay is up), never under the batcher's lock
	 */
	TransactionBatcher(TransactionBatchingProperties properties, Consumer<List<Transaction>> send, String minerId) {
		this.properties = properties;
		this.send = send;
		this.threadName = "trxbatch-" + minerId;
	}

	@Override
	public void broadcast(Transaction transaction) {
		synchronized (sending) {
			List<Transaction> ready = null;
			synchronized (lock) {
				if (scheduler == null || !properties.enabled()) {
					ready = List.of(transaction);
				}
				else {
					pending.add(transaction);
					if (pending.size() >= properties.maxTransactions()) {
						ready = takePending();
					}
					else if (!flushScheduled) {
						flushScheduled = true;
						scheduler.schedule(this::flushScheduled, properties.maxDelay().toNanos(),
								TimeUnit.NANOSECONDS);
					}
				}
			}
			if (ready != null) {
				send.accept(ready);
			}
		}
	}

	/**
	 * Sends the transactions that wait, now, on the calling thread; returns once every transaction handed to
	 * {@link #broadcast} before this call has been sent, by this call or by a batch already leaving.
	 */
	void flush() {
		synchronized (sending) {
			List<Transaction> ready;
			synchronized (lock) {
				ready = takePending();
			}
			if (!ready.isEmpty()) {
				send.accept(ready);
			}
		}
	}

	private void flushScheduled() {
		synchronized (sending) {
			List<Transaction> ready;
			synchronized (lock) {
				flushScheduled = false;
				ready = takePending();
			}
			if (!ready.isEmpty()) {
				send.accept(ready);
			}
		}
	}

	private List<Transaction> takePending() {
		List<Transaction> taken = pending;
		pending = new ArrayList<>();
		return taken;
	}

	@Override
	public void start() {
		synchronized (lock) {
			if (scheduler != null) {
				return;
			}
			ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
				Thread thread = new Thread(task, threadName);
				thread.setDaemon(true);
				return thread;
			});
			executor.setRemoveOnCancelPolicy(true);
			scheduler = executor;
		}
	}

	@Override
	public void stop() {
		synchronized (sending) {
			List<Transaction> ready;
			synchronized (lock) {
				if (scheduler == null) {
					return;
				}
				scheduler.shutdownNow();
				scheduler = null;
				flushScheduled = false;
				ready = takePending();
			}
			if (!ready.isEmpty()) {
				send.accept(ready);
			}
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (lock) {
			return scheduler != null;
		}
	}

}
