package dev.minerfleet.network;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies this miner's {@link NetworkConditions} to each message it receives, between decoding and delivery:
 * drops it (partition, then loss), delivers it at once on the calling thread, or holds it and delivers it later on
 * this miner's one network thread, {@code network-<miner id>}. Never blocks the caller.
 *
 * <p>
 * <b>Order.</b> Messages from one sender are delivered in the order they were conveyed, always: each waits in its
 * sender's queue, and one is never due before the one ahead of it (its due time is the later of arrival + its own
 * delay and the due time of the message ahead). So with no jitter every message waits exactly the delay, and with
 * jitter a long draw holds back the ones behind it from the same sender, as one TCP connection would; messages of
 * different senders do overtake each other. Lowering the delay at run time does not let new messages overtake those
 * already waiting from the same sender: they are delivered right after them. Due times are on a monotonic clock
 * ({@link System#nanoTime()}), never the wall clock, so a clock set back changes nothing either.
 *
 * <p>
 * <b>Cost.</b> With perfect conditions and nothing waiting, {@link #convey} is a read of the conditions and of a
 * counter, then the delivery inline, as without this class. With no delay and no jitter (loss or partitions only) a
 * kept message is also delivered inline, unless older ones from its sender still wait. The network thread starts on
 * the first held message.
 *
 * <p>
 * The draws (loss and jitter) come from one generator in the order messages are conveyed, so a seeded generator and
 * the same arrivals give the same drops and delays.
 */
public final class DelayLine implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DelayLine.class);

	/** How long {@link #close()} lets a delivery in progress finish. */
	private static final long CLOSE_MILLIS = 2_000;

	private final String minerId;

	private final NetworkControl control;

	private final RandomGenerator random;

	private final LongSupplier nanoTime;

	private final List<NetworkObserver> observers;

	private final ScheduledThreadPoolExecutor executor;

	/** The messages waiting, per sender, oldest first; a sender with none has no entry. Guarded by {@code this}. */
	private final Map<String, ArrayDeque<Held>> queues = new HashMap<>();

	/** Messages waiting or being delivered on the network thread, all senders together. */
	private final AtomicInteger held = new AtomicInteger();

	/**
	 * @param minerId this miner, the receiver in the partition rule; names the network thread
	 * @param random the loss and jitter draws; need not be thread-safe
	 * @param nanoTime a monotonic clock in nanoseconds, {@code System::nanoTime}
	 */
	public DelayLine(String minerId, NetworkControl control, RandomGenerator random, LongSupplier nanoTime,
			List<NetworkObserver> observers) {
		this.minerId = minerId;
		this.control = control;
		this.random = random;
		this.nanoTime = nanoTime;
		this.observers = List.copyOf(observers);
		this.executor = new ScheduledThreadPoolExecutor(1, task -> {
			Thread thread = new Thread(task, "network-" + minerId);
			thread.setDaemon(true);
			return thread;
		});
		executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		executor.setRemoveOnCancelPolicy(true);
	}

	/** What {@link #convey} did with a message. */
	public enum Outcome {

		/** Delivered at once, on the calling thread, before {@code convey} returned. */
		DELIVERED,
		/** Held; it will be delivered on the network thread. */
		HELD,
		/** Dropped: the sender is partitioned away. */
		DROPPED_BY_PARTITION,
		/** Dropped: lost at random. */
		LOST

	}

	/**
	 * Delivers, holds or drops one message from {@code sender} under the current conditions.
	 * @param delivery hands the message on; run at most once, on this thread or on the network thread. An exception
	 * it throws on this thread reaches the caller; on the network thread it is logged.
	 */
	public Outcome convey(String sender, Traffic traffic, Runnable delivery) {
		NetworkConditions conditions = control.current();
		if (conditions.isPerfect() && held.get() == 0) {
			delivery.run();
			return Outcome.DELIVERED;
		}
		if (!conditions.hears(minerId, sender)) {
			dropped(sender, traffic, Drop.PARTITION);
			return Outcome.DROPPED_BY_PARTITION;
		}
		boolean lost;
		boolean inline = false;
		synchronized (this) {
			lost = conditions.loses(random);
			if (!lost) {
				ArrayDeque<Held> queue = queues.get(sender);
				if (queue == null && !conditions.delays()) {
					inline = true;
				}
				else {
					hold(sender, queue, conditions.sampleDelayNanos(random), delivery);
				}
			}
		}
		if (lost) {
			dropped(sender, traffic, Drop.LOSS);
			return Outcome.LOST;
		}
		if (inline) {
			delivery.run();
			return Outcome.DELIVERED;
		}
		return Outcome.HELD;
	}

	/** Queues a message behind those waiting from its sender, and wakes the network thread when it is the first. */
	private void hold(String sender, ArrayDeque<Held> waiting, long delayNanos, Runnable delivery) {
		long now = nanoTime.getAsLong();
		long due = now + delayNanos;
		ArrayDeque<Held> queue = waiting;
		if (queue == null) {
			queue = new ArrayDeque<>();
			queues.put(sender, queue);
		}
		else if (due - queue.getLast().due() < 0) {
			// never before the one ahead: a lowered delay, a shorter jitter draw, a clock that went back
			due = queue.getLast().due();
		}
		queue.addLast(new Held(due, delivery));
		held.incrementAndGet();
		if (queue.size() == 1) {
			schedule(sender, due - now);
		}
	}

	private void schedule(String sender, long delayNanos) {
		try {
			executor.schedule(() -> drain(sender), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closing: what still waits is never delivered
			log.debug("Network conditions closed; dropped messages held from {}", sender);
		}
	}

	/**
	 * On the network thread: delivers the messages from {@code sender} that are due, oldest first, then sleeps until
	 * the next is. The message being delivered stays at the head of its queue, so that a message conveyed meanwhile
	 * waits behind it rather than being delivered inline before it.
	 */
	private void drain(String sender) {
		while (true) {
			Held head;
			synchronized (this) {
				ArrayDeque<Held> queue = queues.get(sender);
				if (queue == null) {
					return;
				}
				head = queue.getFirst();
				long wait = head.due() - nanoTime.getAsLong();
				if (wait > 0) {
					schedule(sender, wait);
					return;
				}
			}
			try {
				head.delivery().run();
			}
			catch (RuntimeException ex) {
				log.error("Failed to deliver a held message from {}; dropped it", sender, ex);
			}
			synchronized (this) {
				ArrayDeque<Held> queue = queues.get(sender);
				queue.removeFirst();
				held.decrementAndGet();
				if (queue.isEmpty()) {
					queues.remove(sender);
					return;
				}
			}
		}
	}

	private void dropped(String sender, Traffic traffic, Drop reason) {
		log.debug("Network conditions dropped a {} message from {}: {}", traffic.tag(), sender, reason.tag());
		for (NetworkObserver observer : observers) {
			observer.messageDropped(traffic, reason);
		}
	}

	/** Messages waiting for their time, or being delivered on the network thread. */
	public int held() {
		return held.get();
	}

	/**
	 * Stops the network thread: a delivery in progress may finish (for up to 2 s); the messages still waiting are
	 * never delivered.
	 */
	@Override
	public void close() {
		executor.shutdown();
		try {
			if (!executor.awaitTermination(CLOSE_MILLIS, TimeUnit.MILLISECONDS)) {
				log.warn("Network thread of {} still busy after {} ms", minerId, CLOSE_MILLIS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Held(long due, Runnable delivery) {
	}

}
