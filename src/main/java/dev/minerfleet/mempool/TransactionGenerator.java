package dev.minerfleet.mempool;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.GeneratorProperties.Mode;

/**
 * genTRX: injects fake transactions continuously, on its own scheduler thread ("gentrx"), at a
 * fixed period or with exponential gaps, {@code generator.transactions-per-tick} at each tick. Each
 * goes to the {@link TransactionSink}, which pools it and publishes it on NEWTRX.
 *
 * <p>
 * Ticks are planned on a timeline of their own, each one gap after the previous planned tick, not
 * after the previous tick ended: the time the sink takes does not slow the rate down. A generator
 * that falls more than {@link #MAX_LAG} behind its timeline (a sink slower than the rate, a long
 * pause) gives up the missed ticks instead of bursting to catch up, and counts them
 * ({@link #ticksSkipped()}).
 */
public class TransactionGenerator implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TransactionGenerator.class);

	private static final List<String> PEOPLE = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace",
			"heidi", "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor",
			"walter");

	private final GeneratorProperties properties;

	private final TransactionSink sink;

	private final InstantSource clock;

	private final RandomGenerator random;

	private final String minerId;

	/** How far behind its timeline the generator may fall before it skips ticks. */
	static final Duration MAX_LAG = Duration.ofSeconds(1);

	private final AtomicLong generated = new AtomicLong();

	private final AtomicLong ticksSkipped = new AtomicLong();

	/** When the next tick is due, on {@link System#nanoTime()}'s timeline. */
	private long nextTickNanos;

	private ScheduledExecutorService scheduler;

	private volatile boolean running;

	public TransactionGenerator(GeneratorProperties properties, TransactionSink sink, InstantSource clock,
			RandomGenerator random, String minerId) {
		this.properties = properties;
		this.sink = sink;
		this.clock = clock;
		this.random = random;
		this.minerId = minerId;
	}

	@Override
	public synchronized void start() {
		if (running || !properties.enabled()) {
			return;
		}
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
			Thread thread = new Thread(task, "gentrx");
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		scheduler = executor;
		running = true;
		nextTickNanos = System.nanoTime();
		scheduleNext();
		log.info("Generating transactions, {} {} every {}", properties.transactionsPerTick(),
				properties.mode().name().toLowerCase(java.util.Locale.ROOT), properties.interval());
	}

	@Override
	public synchronized void stop() {
		running = false;
		if (scheduler != null) {
			scheduler.shutdownNow();
			scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** How many transactions this generator made. */
	public long generated() {
		return generated.get();
	}

	/** Ticks given up because the generator fell more than {@link #MAX_LAG} behind its timeline. */
	public long ticksSkipped() {
		return ticksSkipped.get();
	}

	private synchronized void scheduleNext() {
		if (running && scheduler != null) {
			long now = System.nanoTime();
			nextTickNanos += nextGap().toNanos();
			long lag = now - nextTickNanos;
			if (lag > MAX_LAG.toNanos()) {
				ticksSkipped.addAndGet(Math.max(1, lag / properties.interval().toNanos()));
				nextTickNanos = now;
			}
			scheduler.schedule(this::generateAndReschedule, Math.max(0, nextTickNanos - now), TimeUnit.NANOSECONDS);
		}
	}

	private void generateAndReschedule() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			log.error("genTRX failed to create a transaction", ex);
		}
		scheduleNext();
	}

	/** One tick: {@code generator.transactions-per-tick} transactions to the sink, fewer if the thread is interrupted. */
	void tick() {
		for (int i = 0; i < properties.transactionsPerTick() && !Thread.currentThread().isInterrupted(); i++) {
			sink.createTransaction(next());
			generated.incrementAndGet();
		}
	}

	/** The next fake transaction: two distinct people, an amount, a numbered payload. */
	public Transaction next() {
		String sender = PEOPLE.get(random.nextInt(PEOPLE.size()));
		String receiver = PEOPLE.get(random.nextInt(PEOPLE.size() - 1));
		if (receiver.equals(sender)) {
			receiver = PEOPLE.get(PEOPLE.size() - 1);
		}
		long amount = 1 + random.nextInt(1000);
		String payload = "genTRX " + minerId + " #" + (generated.get() + 1) + " " + Long.toHexString(random.nextLong());
		return Transaction.create(sender, receiver, amount, payload, clock.millis(), minerId);
	}

	/** The wait before the next transaction. */
	Duration nextGap() {
		Duration mean = properties.interval();
		if (properties.mode() == Mode.FIXED) {
			return mean;
		}
		double gapNanos = -Math.log(1.0 - random.nextDouble()) * mean.toNanos();
		return Duration.ofNanos(Math.max(1, (long) Math.min(gapNanos, 100.0 * mean.toNanos())));
	}

}
