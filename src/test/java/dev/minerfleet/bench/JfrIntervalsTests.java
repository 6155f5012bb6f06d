package dev.minerfleet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class JfrIntervalsTests {

	@Test
	void placesAnExplicitCollectionInsideTheWindowAroundItAndNoPauseInAWindowBeforeRecordingBegan() {
		long before = System.nanoTime();
		try (JfrIntervals pauses = JfrIntervals.pauses()) {
			long from = System.nanoTime();
			System.gc();
			long to = System.nanoTime();

			// JFR hands events over when it flushes, about once a second
			await().atMost(Duration.ofSeconds(10)).until(() -> pauses.count() >= 1);

			assertThat(pauses.millisWithin(from, to)).isGreaterThan(0).isLessThanOrEqualTo((to - from) / 1e6);
			assertThat(pauses.millisWithin(before - 60_000_000_000L, before)).isZero();
		}
	}

	@Test
	void recordsTheCompilationOfAMethodMadeHotAfterRecordingBeganAndNoneBeforeIt() throws Exception {
		long before = System.nanoTime();
		try (JfrIntervals compilations = JfrIntervals.compilations()) {
			// a class of its own, loaded now, so its method cannot have been compiled before recording began
			URL classes = JfrIntervalsTests.class.getProtectionDomain().getCodeSource().getLocation();
			try (URLClassLoader loader = new URLClassLoader(new URL[] { classes }, null)) {
				Method sum = loader.loadClass(Hot.class.getName()).getMethod("sum", int.class);
				long from = System.nanoTime();
				long total = 0;
				for (int i = 0; i < 200_000; i++) {
					total += (long) sum.invoke(null, i & 1023);
				}
				long to = System.nanoTime();

				assertThat(total).isPositive();
				await().atMost(Duration.ofSeconds(10)).until(() -> compilations.millisWithin(from, to) > 0);
			}
			assertThat(compilations.millisWithin(before - 60_000_000_000L, before)).isZero();
		}
	}

	/** Loaded afresh by the test above. */
	public static final class Hot {

		public static long sum(int n) {
			long sum = 0;
			for (int i = 0; i <= n; i++) {
				sum += i;
			}
			return sum;
		}

	}

}
