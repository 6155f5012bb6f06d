package dev.minerfleet.mining;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import dev.minerfleet.chain.Block;

/**
 * The mining executor: {@code threads} dedicated threads named "miner-N", separate from the
 * scheduler and the MQTT threads. Each loops: take a template on the current tip, search its
 * share of the nonces (thread i of n searches i, i+n, i+2n...), hand a found block to the port.
 * A tip change bumps a generation counter that every running search polls every few thousand
 * hashes, so work on a stale tip stops within milliseconds and restarts on the new one; it also
 * unparks the mining threads, so one parked by the hash-rate cap looks at once.
 */
public class MiningCoordinator implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MiningCoordinator.class);

	private final MiningPort port;

	private final InstantSource clock;

	private final int threads;

	private final HashRateLimit limit;

	private final LongAdder hashes = new LongAdder();

	private final HashRateMeter meter = new HashRateMeter(hashes::sum, System::nanoTime);

	private final HeaderHasher.Strategy strategy = HeaderHasher.bestStrategy();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = lock.newCondition();

	/** Bumped by every tip change, pause, resume and stop; a search polls it to know it is stale. */
	private final AtomicLong generation = new AtomicLong();

	/** The mining threads, unparked after every bump of {@link #generation}. */
	private final Set<Thread> searchers = ConcurrentHashMap.newKeySet();

	private volatile boolean paused;

	private volatile boolean running;

	private ExecutorService executor;

	public MiningCoordinator(MiningPort port, InstantSource clock, MiningProperties properties) {
		this.port = port;
		this.clock = clock;
		this.threads = properties.threads();
		this.limit = HashRateLimit.of(properties.maxHashRate());
		this.paused = !properties.enabled();
		port.onTipChange(this::newGeneration);
	}

	@Override
	public void start() {
		lock.lock();
		try {
			if (running) {
				return;
			}
			running = true;
			executor = Executors.newFixedThreadPool(threads, namedThreads());
			for (int i = 0; i < threads; i++) {
				NonceStride stride = new NonceStride(i, threads);
				executor.execute(() -> mineUntilStopped(stride));
			}
			log.info("Mining with {} thread(s), {} hashing, {}{}", threads, strategy,
					limit.isUnlimited() ? "no hash rate cap" : "capped at " + limit,
					paused ? ", paused until POST /mining/resume" : "");
			HeaderHasher.midstateUnavailableReason()
				.ifPresent(reason -> log.info("Midstate hashing unavailable ({}); run with {} for full speed", reason,
						"--add-opens java.base/sun.security.provider=ALL-UNNAMED"));
		}
		finally {
			lock.unlock();
		}
	}

	@Override
	public void stop() {
		ExecutorService stopping;
		lock.lock();
		try {
			if (!running) {
				return;
			}
			running = false;
			newGeneration();
			changed.signalAll();
			stopping = executor;
		}
		finally {
			lock.unlock();
		}
		stopping.shutdownNow();
		try {
			if (!stopping.awaitTermination(5, TimeUnit.SECONDS)) {
				log.warn("Mining threads did not stop within 5 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Stops searching until {@link #resume()}; the threads wait, they do not spin. */
	public void pause() {
		signal(true);
		log.info("Mining paused");
	}

	public void resume() {
		signal(false);
		log.info("Mining resumed");
	}

	public boolean isPaused() {
		return paused;
	}

	/** Recent hashes per second over all mining threads. */
	public double hashRate() {
		return meter.rate();
	}

	/** Hashes computed since start. */
	public long hashes() {
		return hashes.sum();
	}

	public int threads() {
		return threads;
	}

	/** The cap on hashes per second over all mining threads, 0 when there is none. */
	public long maxHashRate() {
		return limit.hashesPerSecond();
	}

	public String strategy() {
		return strategy.name();
	}

	/**
	 * Makes every running search stale (a tip change, pause, resume or stop) and unparks the mining threads, so one
	 * parked by the hash-rate cap asks its cancellation now. A thread not parked keeps the permit and its next park
	 * returns at once: every park here sits in a loop that checks again.
	 */
	private void newGeneration() {
		generation.incrementAndGet();
		searchers.forEach(LockSupport::unpark);
	}

	private void signal(boolean pause) {
		lock.lock();
		try {
			paused = pause;
			newGeneration();
			changed.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	private void mineUntilStopped(NonceStride stride) {
		ProofOfWork proofOfWork = new ProofOfWork(new NonceSearch(HeaderHasher.create(strategy), hashes, limit), clock);
		searchers.add(Thread.currentThread());
		try {
			mineWhileRunning(proofOfWork, stride);
		}
		finally {
			searchers.remove(Thread.currentThread());
		}
	}

	private void mineWhileRunning(ProofOfWork proofOfWork, NonceStride stride) {
		while (running && !Thread.currentThread().isInterrupted()) {
			try {
				if (!awaitUnpaused()) {
					return;
				}
				long job = generation.get();
				long hashesBefore = hashes.sum();
				long started = System.nanoTime();
				BlockTemplate template = port.template();
				Optional<Block> found = proofOfWork.mine(template, stride,
						// paused too: a pause between awaitUnpaused and reading the job bumped the generation before
						// the job was read
						() -> generation.get() != job || paused || Thread.currentThread().isInterrupted());
				if (found.isPresent() && generation.get() == job) {
					Block block = found.get();
					if (port.submit(block)) {
						log.info("Mined block #{} {} ({} tx, {} hashes, {} s)", template.height(),
								block.hash().abbreviated(), block.transactions().size() - 1,
								String.format("%,d", hashes.sum() - hashesBefore),
								String.format("%.2f", (System.nanoTime() - started) / 1e9));
					}
				}
			}
			catch (RuntimeException ex) {
				log.error("Mining round failed; retrying in 1 s", ex);
				if (!awaitQuietly(Duration.ofSeconds(1))) {
					return;
				}
			}
		}
	}

	/** Waits while paused; false when the coordinator stopped or the thread was interrupted. */
	private boolean awaitUnpaused() {
		lock.lock();
		try {
			while (paused && running) {
				changed.await();
			}
			return running;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			lock.unlock();
		}
	}

	private boolean awaitQuietly(Duration pause) {
		lock.lock();
		try {
			changed.await(pause.toMillis(), TimeUnit.MILLISECONDS);
			return running;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			lock.unlock();
		}
	}

	private static ThreadFactory namedThreads() {
		AtomicInteger counter = new AtomicInteger();
		return task -> {
			Thread thread = new Thread(task, "miner-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
