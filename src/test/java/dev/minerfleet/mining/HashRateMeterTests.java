package dev.minerfleet.mining;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class HashRateMeterTests {

	private final AtomicLong hashes = new AtomicLong();

	private final AtomicLong nanos = new AtomicLong();

	private final HashRateMeter meter = new HashRateMeter(hashes::get, nanos::get);

	@Test
	void readsZeroBeforeASecondHasPassed() {
		hashes.set(1_000);
		nanos.set(500_000_000L);
		assertThat(meter.rate()).isZero();
	}

	@Test
	void measuresHashesPerSecondOverTheWindow() {
		hashes.set(3_000_000);
		nanos.set(2_000_000_000L);
		assertThat(meter.rate()).isEqualTo(1_500_000.0);
	}

	@Test
	void forgetsOldSpeedOnceTheWindowSlides() {
		hashes.set(10_000_000);
		nanos.set(6_000_000_000L);
		meter.rate();
		nanos.set(8_000_000_000L);
		// mining stopped: no new hashes for the next seconds
		meter.rate();
		nanos.set(14_000_000_000L);
		meter.rate();
		nanos.set(16_000_000_000L);
		assertThat(meter.rate()).isZero();
	}

}
