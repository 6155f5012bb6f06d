package dev.minerfleet.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Target;
import dev.minerfleet.mining.Cancellation;
import dev.minerfleet.mining.HeaderHasher;
import dev.minerfleet.mining.NonceSearch;
import dev.minerfleet.mining.NonceStride;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Hash rate of the real nonce loop ({@link NonceSearch#search}), in million hashes per second: one call searches a
 * stride of {@value #HASHES} nonces against a target no hash meets, so every call does exactly that many hashes.
 * Each thread has its own search and its own start, as mining threads do. Run through bench/pow.sh, which compares it
 * with a native OpenSSL loop in the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/sun.security.provider=ALL-UNNAMED")
@State(Scope.Thread)
public class NonceLoopBenchmark {

	static final int HASHES = 1 << 16;

	private static final Target IMPOSSIBLE = Target.ofLeadingZeroBits(240);

	@Param({ "MIDSTATE", "PLAIN" })
	public HeaderHasher.Strategy strategy;

	private NonceSearch search;

	private BlockHeader header;

	private NonceStride stride;

	@Setup
	public void setUp(ThreadParams thread) {
		search = new NonceSearch(HeaderHasher.create(strategy), new LongAdder());
		SplittableRandom random = new SplittableRandom(2026 + thread.getThreadIndex());
		byte[] previous = new byte[Hash.LENGTH];
		byte[] merkle = new byte[Hash.LENGTH];
		random.nextBytes(previous);
		random.nextBytes(merkle);
		header = new BlockHeader(1, Hash.of(previous), Hash.of(merkle), 1_767_225_600_000L, IMPOSSIBLE.compact(), 0);
		// (1 << 32) / HASHES nonces apart: the stride holds exactly HASHES nonces
		stride = new NonceStride(thread.getThreadIndex(), 1 << 16);
	}

	@Benchmark
	@OperationsPerInvocation(HASHES)
	public NonceSearch.Result oneThread() {
		return search.search(header, IMPOSSIBLE, stride, Cancellation.never());
	}

	@Benchmark
	@Threads(2)
	@OperationsPerInvocation(HASHES)
	public NonceSearch.Result twoThreads() {
		return search.search(header, IMPOSSIBLE, stride, Cancellation.never());
	}

}
