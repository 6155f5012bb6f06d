package dev.minerfleet.mining;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.HeaderCodec;
import dev.minerfleet.mining.HeaderHasher.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HeaderHasherTests {

	private static final int[] EDGE_NONCES = { 0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE };

	static Stream<Arguments> strategiesAndSeeds() {
		SplittableRandom seeds = new SplittableRandom(20261126);
		return Stream.of(Strategy.values())
			.flatMap((strategy) -> seeds.longs(4).mapToObj((seed) -> Arguments.of(strategy, seed)));
	}

	@ParameterizedTest(name = "{0}, seed {1}")
	@MethodSource("strategiesAndSeeds")
	void givesTheBlockHeaderHashForRandomHeadersAndNonces(Strategy strategy, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		HeaderHasher hasher = HeaderHasher.create(strategy);
		byte[] out = new byte[Hash.LENGTH];
		for (int h = 0; h < 200; h++) {
			BlockHeader header = RandomHeaders.next(random);
			hasher.load(header);
			for (int n = 0; n < 10; n++) {
				int nonce = (n < EDGE_NONCES.length) ? EDGE_NONCES[n] : random.nextInt();
				hasher.hash(nonce, out);
				assertThat(Hash.of(out)).as("header %s nonce %d", header, nonce)
					.isEqualTo(header.withNonce(nonce).hash());
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Strategy.class)
	void ignoresTheNonceBytesOfTheLoadedHeader(Strategy strategy) {
		BlockHeader header = RandomHeaders.next(new SplittableRandom(7));
		HeaderHasher hasher = HeaderHasher.create(strategy);
		hasher.load(header.withNonce(0xCAFEBABE));
		byte[] out = new byte[Hash.LENGTH];
		hasher.hash(42, out);
		assertThat(Hash.of(out)).isEqualTo(header.withNonce(42).hash());
	}

	@ParameterizedTest
	@EnumSource(Strategy.class)
	void keepsItsOwnCopyOfTheLoadedHeader(Strategy strategy) {
		BlockHeader header = RandomHeaders.next(new SplittableRandom(8));
		byte[] bytes = HeaderCodec.encode(header);
		HeaderHasher hasher = HeaderHasher.create(strategy);
		hasher.load(bytes);
		bytes[70] ^= 1;
		bytes[10] ^= 1;
		byte[] out = new byte[Hash.LENGTH];
		hasher.hash(3, out);
		assertThat(Hash.of(out)).isEqualTo(header.withNonce(3).hash());
	}

	@ParameterizedTest
	@EnumSource(Strategy.class)
	void rejectsAHeaderOfTheWrongLength(Strategy strategy) {
		HeaderHasher hasher = HeaderHasher.create(strategy);
		assertThatIllegalArgumentException().isThrownBy(() -> hasher.load(new byte[80]));
	}

	@ParameterizedTest
	@EnumSource(Strategy.class)
	void allocatesNothingPerHash(Strategy strategy) {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		HeaderHasher hasher = HeaderHasher.create(strategy);
		hasher.load(RandomHeaders.next(new SplittableRandom(9)));
		byte[] out = new byte[Hash.LENGTH];
		hashAll(hasher, out, 50_000);
		long before = threads.getCurrentThreadAllocatedBytes();
		hashAll(hasher, out, 100_000);
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;
		assertThat(allocated).as("bytes allocated for 100,000 hashes").isLessThan(1_000);
	}

	private static void hashAll(HeaderHasher hasher, byte[] out, int count) {
		for (int nonce = 0; nonce < count; nonce++) {
			hasher.hash(nonce, out);
		}
	}

	@Test
	void choosesMidstateWhenTheProviderPackageIsOpened() {
		assertThat(HeaderHasher.midstateUnavailableReason()).isEmpty();
		assertThat(HeaderHasher.bestStrategy()).isEqualTo(Strategy.MIDSTATE);
		assertThat(HeaderHasher.create().strategy()).isEqualTo(Strategy.MIDSTATE);
	}

	@Test
	void fallsBackToPlainWhenTheProviderPackageIsNotOpened() throws Exception {
		String classPath = codeSource(HeaderHasher.class) + File.pathSeparator + codeSource(StrategyProbe.class);
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(
				List.of(java.toString(), "-cp", classPath, StrategyProbe.class.getName()))
			.inheritIO();
		builder.environment().remove("JDK_JAVA_OPTIONS");
		builder.environment().remove("JAVA_TOOL_OPTIONS");
		Process probe = builder.start();
		assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
		assertThat(probe.exitValue()).as("exit code telling the strategy chosen")
			.isEqualTo(StrategyProbe.EXIT_BASE + Strategy.PLAIN.ordinal());
	}

	private static String codeSource(Class<?> type) throws Exception {
		return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
	}

}
