package dev.minerfleet.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ExperimentOptionsTests {

	@Test
	void theDefaultsAreFourRatiosOfFiveMinersFindingABlockASecond() {
		ExperimentOptions options = ExperimentOptions.parse(List.of());

		assertThat(options.ratios()).containsExactly(0.01, 0.05, 0.1, 0.3);
		assertThat(options.miners()).isEqualTo(5);
		assertThat(options.blocks()).isEqualTo(200);
		assertThat(options.blockInterval()).isEqualTo(Duration.ofSeconds(1));
		// 2^20 hashes a block, shared by 5 miners, once a second
		assertThat(options.hashRatePerMiner()).isEqualTo(209_715);
		assertThat(options.delayFor(0.3)).isEqualTo(Duration.ofMillis(300));
		assertThat(options.out()).isEqualTo(Path.of("target", "experiments"));
	}

	@Test
	void readsEveryOptionAndPassesTheRestToTheMiners() {
		ExperimentOptions options = ExperimentOptions.parse(List.of("--ratios=0.2, 0.4", "--miners=3", "--blocks=50",
				"--block-interval=500ms", "--difficulty-bits=18", "--out=/tmp/x", "--generator.interval=2s"));

		assertThat(options.ratios()).containsExactly(0.2, 0.4);
		assertThat(options.blockInterval()).isEqualTo(Duration.ofMillis(500));
		assertThat(options.hashRatePerMiner()).isEqualTo(Math.round((1 << 18) / (3 * 0.5)));
		assertThat(options.delayFor(0.2)).isEqualTo(Duration.ofMillis(100));
		assertThat(options.minerArguments()).containsExactly("--generator.interval=2s");
	}

	@Test
	void saysWhatIsWrongWithAnOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> ExperimentOptions.parse(List.of("--ratios=a,b")))
			.withMessage("--ratios takes numbers separated by commas, got 'a,b'");
		assertThatIllegalArgumentException().isThrownBy(() -> ExperimentOptions.parse(List.of("--blocks=5")))
			.withMessage("--blocks must be at least 10, got 5");
		assertThatIllegalArgumentException().isThrownBy(() -> ExperimentOptions.parse(List.of("--block-interval=soon")))
			.withMessage("--block-interval takes a duration such as 1s or 500ms, got 'soon'");
		assertThatIllegalArgumentException().isThrownBy(() -> ExperimentOptions.parse(List.of("--ratios=-0.1")))
			.withMessage("a ratio lies between 0 and 10, got -0.1");
		assertThatIllegalArgumentException().isThrownBy(() -> ExperimentOptions.parse(List.of("verbose")))
			.withMessageContaining("options look like --key=value");
	}

	@Test
	void refusesSettingsTheExperimentMakesItself() {
		assertThatIllegalArgumentException().isThrownBy(() -> ExperimentOptions.parse(List.of("--network.delay=1s")))
			.withMessageContaining("is set by the experiment");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ExperimentOptions.parse(List.of("--mining.max-hash-rate=5")))
			.withMessageContaining("is set by the experiment");
	}

}
