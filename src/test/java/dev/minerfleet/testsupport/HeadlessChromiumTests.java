package dev.minerfleet.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class HeadlessChromiumTests {

	@Test
	void failsWithWhatToInstallWhereCiForbidsSkipping() {
		Map<String, String> ci = Map.of(TestBroker.FORBID_EMBEDDED_VARIABLE, "1");
		assertThatIllegalStateException().isThrownBy(() -> HeadlessChromium.requireInstalled(false, ci::get))
			.withMessageContaining("apt-get install chromium chromium-driver")
			.withMessageContaining("may not be skipped");
	}

	@Test
	void skipsWithWhatToInstallElsewhere() {
		assertThatThrownBy(() -> HeadlessChromium.requireInstalled(false, Map.<String, String>of()::get))
			.isInstanceOf(TestAbortedException.class)
			.hasMessageContaining("apt-get install chromium chromium-driver");
	}

	@Test
	void goesAheadWhenInstalled() {
		Map<String, String> ci = Map.of(TestBroker.FORBID_EMBEDDED_VARIABLE, "1");
		assertThatCode(() -> HeadlessChromium.requireInstalled(true, ci::get)).doesNotThrowAnyException();
	}

}
