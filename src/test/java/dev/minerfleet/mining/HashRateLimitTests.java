package dev.minerfleet.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.Target;
import dev.minerfleet.mining.NonceSearch.Cancelled;

class HashRateLimitTests {

	private static final Target IMPOSSIBLE = Target.ofLeadingZeroBits(240);

	/** A nanosecond clock that only parking moves, and the parks it was asked for. */
	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final List<Long> parks = new ArrayList<>();

	private HashRateLimit fake(long hashesPerSecond) {
		return HashRateLimit.of(hashesPerSecond, now::get, nanos -> {
			parks.add(nanos);
			now.addAndGet(nanos);
		});
	}

	private long parked() {
		return parks.stream().mapToLong(Long::longValue).sum();
	}

	@Test
	void letsTheFirstBatchGoAtOnceAndParksEachNextOneForItsShareOfASecond() {
		HashRateLimit limit = fake(1_000_000);
		assertThat(limit.acquire(4096, Cancellation.never())).isTrue();
		assertThat(parks).isEmpty();
		// 4,096 hashes at 1,000,000 per second take 4.096 ms
		assertThat(limit.acquire(4096, Cancellation.never())).isTrue();
		assertThat(parked()).isEqualTo(4_096_000L);
		for (int i = 0; i < 98; i++) {
			limit.acquire(4096, Cancellation.never());
		}
		assertThat(parked()).isEqualTo(99 * 4_096_000L);
	}

	@Test
	void parksOnlyForWhatTheMinerIsAheadOfTheCap() {
		HashRateLimit limit = fake(1_000_000);
		limit.acquire(4096, Cancellation.never());
		// hashing the batch took 3 ms of the 4.096 it may take
		now.addAndGet(3_000_000L);
		limit.acquire(4096, Cancellation.never());
		assertThat(parks).containsExactly(1_096_000L);
	}

	@Test
	void idleTimeEarnsNoBurstLater() {
		HashRateLimit limit = fake(1_000_000);
		limit.acquire(4096, Cancellation.never());
		now.addAndGet(60_000_000_000L);
		limit.acquire(4096, Cancellation.never());
		assertThat(parks).isEmpty();
		limit.acquire(4096, Cancellation.never());
		assertThat(parks).containsExactly(4_096_000L);
	}

	@Test
	void roundsEachBatchUpSoTheCapIsNeverExceeded() {
		HashRateLimit limit = fake(3);
		limit.acquire(1, Cancellation.never());
		limit.acquire(1, Cancellation.never());
		// a third of a second is 333,333,333.33 ns: the limit waits the extra fraction
		assertThat(parked()).isEqualTo(333_333_334L);
	}

	@Test
	void parksUntilItsSlotInParksOfAtMostAMinuteAndStopsWhenCancelled() {
		HashRateLimit limit = fake(10);
		limit.acquire(4096, Cancellation.never());
		assertThat(limit.acquire(4096, Cancellation.never())).isTrue();
		// 409.6 s: six parks of a minute and the rest
		assertThat(parks).containsExactly(60_000_000_000L, 60_000_000_000L, 60_000_000_000L, 60_000_000_000L,
				60_000_000_000L, 60_000_000_000L, 49_600_000_000L);

		parks.clear();
		long cancelAt = now.get() + 90_000_000_000L;
		assertThat(limit.acquire(4096, () -> now.get() >= cancelAt)).isFalse();
		assertThat(parks).containsExactly(60_000_000_000L, 60_000_000_000L);
	}

	@Test
	void aSearchCancelledWhileItWaitsLeavesItsBatchToTheSearchAfterIt() {
		HashRateLimit limit = fake(1_000_000);
		limit.acquire(4096, Cancellation.never());
		// a new tip cancels the search waiting for the next batch, 4.096 ms on
		assertThat(limit.acquire(4096, () -> true)).isFalse();
		assertThat(parks).containsExactly(4_096_000L);

		// the search on the new tip takes that batch at once, not the one after it
		parks.clear();
		assertThat(limit.acquire(4096, Cancellation.never())).isTrue();
		assertThat(parks).isEmpty();
		assertThat(limit.acquire(4096, Cancellation.never())).isTrue();
		assertThat(parks).containsExactly(4_096_000L);
	}

	@Test
	void aShortWaitIsOnePark() {
		HashRateLimit limit = fake(100_000);
		limit.acquire(4096, Cancellation.never());
		limit.acquire(4096, Cancellation.never());
		assertThat(parks).containsExactly(40_960_000L);
	}

	@Test
	void searchesSharingOneLimitArePacedAsOne() {
		HashRateLimit limit = fake(1_000_000);
		// two batches each: 2^32 nonces in steps of 2^19
		NonceStride twoBatches = new NonceStride(0, 1 << 19);
		assertThat(twoBatches.size()).isEqualTo(2L * NonceSearch.BATCH);
		LongAdder hashes = new LongAdder();
		for (int seed = 0; seed < 2; seed++) {
			NonceSearch search = new NonceSearch(HeaderHasher.create(), hashes, limit);
			assertThat(search.search(RandomHeaders.next(new SplittableRandom(seed)), IMPOSSIBLE, twoBatches,
					Cancellation.never()))
				.isInstanceOf(NonceSearch.Exhausted.class);
		}
		// four batches on one budget: every one but the first waits its 4.096 ms
		assertThat(hashes.sum()).isEqualTo(4L * NonceSearch.BATCH);
		assertThat(parked()).isEqualTo(3 * 4_096_000L);
	}

	@Test
	void zeroMeansUnlimitedAndNegativeIsRefused() {
		assertThat(HashRateLimit.of(0)).isSameAs(HashRateLimit.unlimited());
		assertThat(HashRateLimit.unlimited().isUnlimited()).isTrue();
		assertThat(HashRateLimit.unlimited().acquire(4096, () -> true)).isTrue();
		assertThat(HashRateLimit.of(5).hashesPerSecond()).isEqualTo(5);
		assertThatIllegalArgumentException().isThrownBy(() -> HashRateLimit.of(-1));
	}

	@Test
	void aCappedSearchStopsWhenItsThreadIsUnparkedAfterTheCancellation() throws Exception {
		// 10 hashes per second: the second batch would wait 409.6 s, in parks of a minute
		NonceSearch search = new NonceSearch(HeaderHasher.create(), new LongAdder(), HashRateLimit.of(10));
		AtomicBoolean cancelled = new AtomicBoolean();
		CompletableFuture<NonceSearch.Result> result = new CompletableFuture<>();
		Thread searching = new Thread(() -> result.complete(search.search(RandomHeaders.next(new SplittableRandom(5)),
				IMPOSSIBLE, NonceStride.ALL, cancelled::get)));
		searching.setDaemon(true);
		searching.start();
		await().until(() -> searching.getState() == Thread.State.TIMED_WAITING);

		// cancelled but not unparked, it sleeps on: it no longer wakes every few milliseconds to look
		cancelled.set(true);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !result.isDone());
		LockSupport.unpark(searching);

		assertThat(result.get(30, TimeUnit.SECONDS)).isInstanceOf(Cancelled.class);
	}

	@Test
	void aCappedSearchDoesNoMoreHashesThanTheCapAllowsOnOneThread() throws Exception {
		assertHashesWithinCap(200_000, 1);
	}

	@Test
	void threadsSharingACapTogetherDoNoMoreHashesThanItAllows() throws Exception {
		assertHashesWithinCap(200_000, 2);
	}

	/**
	 * Runs {@code threads} searches sharing one cap for about a second: the hashes done may not exceed the cap times
	 * the elapsed time plus one batch per thread (what each may start at the last instant). A correctness bound, not
	 * a speed measurement: a loaded machine does fewer.
	 */
	private static void assertHashesWithinCap(long rate, int threads) throws Exception {
		HashRateLimit limit = HashRateLimit.of(rate);
		LongAdder hashes = new LongAdder();
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			long started = System.nanoTime();
			long deadline = started + 1_000_000_000L;
			List<Future<NonceSearch.Result>> searches = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				NonceSearch search = new NonceSearch(HeaderHasher.create(), hashes, limit);
				BlockHeader header = RandomHeaders.next(new SplittableRandom(10 + i));
				NonceStride stride = new NonceStride(i, threads);
				searches.add(executor.submit(
						() -> search.search(header, IMPOSSIBLE, stride, () -> System.nanoTime() > deadline)));
			}
			for (Future<NonceSearch.Result> search : searches) {
				assertThat(search.get()).isInstanceOf(Cancelled.class);
			}
			double elapsed = (System.nanoTime() - started) / 1e9;
			long bound = (long) (rate * elapsed) + (long) threads * NonceSearch.BATCH;
			assertThat(hashes.sum()).as("hashes in %.3f s at %,d hashes/s on %d thread(s)", elapsed, rate, threads)
				.isPositive()
				.isLessThanOrEqualTo(bound);
		}
		finally {
			executor.shutdownNow();
		}
	}

}
