package dev.minerfleet.mining;

import java.lang.management.ManagementFactory;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.Target;
import dev.minerfleet.mining.HeaderHasher.Strategy;
import dev.minerfleet.mining.NonceSearch.Cancelled;
import dev.minerfleet.mining.NonceSearch.Exhausted;
import dev.minerfleet.mining.NonceSearch.Found;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class NonceSearchTests {

	/** No hash meets it in practice: a search over it runs out or is cancelled. */
	private static final Target IMPOSSIBLE = Target.ofLeadingZeroBits(240);

	private final LongAdder hashes = new LongAdder();

	static Stream<Arguments> seedsAndStrides() {
		SplittableRandom seeds = new SplittableRandom(42);
		return Stream.of(new NonceStride(0, 1), new NonceStride(1, 2), new NonceStride(3, 7),
				new NonceStride(12345, 1 << 30))
			.flatMap((stride) -> seeds.longs(3).mapToObj((seed) -> Arguments.of(seed, stride)));
	}

	@ParameterizedTest(name = "seed {0}, {1}")
	@MethodSource("seedsAndStrides")
	void findsTheFirstNonceOfTheStrideWhoseHashMeetsTheTarget(long seed, NonceStride stride) {
		SplittableRandom random = new SplittableRandom(seed);
		Target target = Target.ofLeadingZeroBits(3);
		NonceSearch search = new NonceSearch(HeaderHasher.create(), hashes);
		for (int round = 0; round < 20; round++) {
			BlockHeader header = RandomHeaders.next(random);
			NonceSearch.Result result = search.search(header, target, stride, Cancellation.never());
			long counted = hashes.sumThenReset();
			OptionalLong expected = firstMeetingNonce(header, target, stride);
			if (expected.isEmpty()) {
				assertThat(result).isInstanceOf(Exhausted.class);
				assertThat(counted).as("hashes counted").isEqualTo(stride.size());
				continue;
			}
			long nonce = expected.getAsLong();
			assertThat(result).isInstanceOfSatisfying(Found.class, (found) -> {
				assertThat(found.header()).isEqualTo(header.withNonce((int) nonce));
				assertThat(found.hash()).isEqualTo(found.header().hash());
				assertThat(target.isMetBy(found.hash())).isTrue();
			});
			assertThat(counted).as("hashes counted").isEqualTo((nonce - stride.start()) / stride.stride() + 1);
		}
	}

	/** By brute force with BlockHeader.hash(): the first nonce of the stride meeting the target, if any. */
	private static OptionalLong firstMeetingNonce(BlockHeader header, Target target, NonceStride stride) {
		long nonce = stride.start();
		for (long i = 0; i < stride.size(); i++, nonce += stride.stride()) {
			if (target.isMetBy(header.withNonce((int) nonce).hash())) {
				return OptionalLong.of(nonce);
			}
		}
		return OptionalLong.empty();
	}

	@Test
	void reportsExhaustedOnceEveryNonceOfTheStrideIsTried() {
		NonceSearch search = new NonceSearch(HeaderHasher.create(), hashes);
		NonceSearch.Result result = search.search(RandomHeaders.next(new SplittableRandom(1)), IMPOSSIBLE,
				new NonceStride(7, 1 << 30), Cancellation.never());
		assertThat(result).isInstanceOf(Exhausted.class);
		assertThat(hashes.sum()).isEqualTo(4);
	}

	@Test
	void stopsBeforeHashingWhenAlreadyCancelled() {
		NonceSearch search = new NonceSearch(HeaderHasher.create(), hashes);
		NonceSearch.Result result = search.search(RandomHeaders.next(new SplittableRandom(2)), IMPOSSIBLE,
				NonceStride.ALL, () -> true);
		assertThat(result).isInstanceOf(Cancelled.class);
		assertThat(hashes.sum()).isZero();
	}

	@Test
	void asksTheCancellationAndCountsHashesOnceEveryBatch() {
		AtomicInteger asked = new AtomicInteger();
		NonceSearch search = new NonceSearch(HeaderHasher.create(), hashes);
		NonceSearch.Result result = search.search(RandomHeaders.next(new SplittableRandom(3)), IMPOSSIBLE,
				NonceStride.ALL, () -> asked.incrementAndGet() > 5);
		assertThat(result).isInstanceOf(Cancelled.class);
		assertThat(asked).hasValue(6);
		assertThat(hashes.sum()).isEqualTo(5L * NonceSearch.BATCH);
	}

	@Test
	void reportsTheStrategyOfItsHasher() {
		assertThat(new NonceSearch(HeaderHasher.create(Strategy.PLAIN), hashes).strategy()).isEqualTo(Strategy.PLAIN);
	}

	@Test
	void allocatesNothingPerHash() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		NonceSearch search = new NonceSearch(HeaderHasher.create(), hashes);
		BlockHeader header = RandomHeaders.next(new SplittableRandom(4));
		NonceStride stride = new NonceStride(0, 1 << 16);
		search.search(header, IMPOSSIBLE, stride, Cancellation.never());
		long before = threads.getCurrentThreadAllocatedBytes();
		NonceSearch.Result result = search.search(header, IMPOSSIBLE, stride, Cancellation.never());
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;
		assertThat(result).isInstanceOf(Exhausted.class);
		assertThat(stride.size()).isEqualTo(65_536);
		assertThat(allocated).as("bytes allocated by a search of 65,536 hashes").isLessThan(2_000);
	}

}
