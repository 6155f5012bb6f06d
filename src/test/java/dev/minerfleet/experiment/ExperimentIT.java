package dev.minerfleet.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment runner end to end, small: two settings of three capped miners on an embedded broker, 15 blocks each.
 * A smoke test of the whole path (fleet, caps, delays, settling, counting, files), not a measurement:
 * docs/experiments.md holds a real run.
 */
class ExperimentIT {

	@TempDir
	Path out;

	@Test
	void runsEverySettingToItsChainLengthCountsStaleBlocksAndWritesBothReports() throws Exception {
		ExperimentOptions options = ExperimentOptions.parse(List.of("--ratios=0,0.5", "--miners=3", "--blocks=15",
				"--block-interval=300ms", "--difficulty-bits=16", "--out=" + out, "--first-port=28081",
				"--broker-port=28830", "--generator.enabled=false"));
		ByteArrayOutputStream progress = new ByteArrayOutputStream();

		List<ExperimentResult> results = new ExperimentRunner(options,
				new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

		assertThat(results).hasSize(2);
		for (ExperimentResult result : results) {
			assertThat(result.mainChain()).isGreaterThanOrEqualTo(15);
			assertThat(result.staleRate().total()).isGreaterThanOrEqualTo(result.mainChain());
			assertThat(result.staleRate().stale()).isEqualTo(result.staleRate().total() - result.mainChain());
			assertThat(result.miners()).isEqualTo(3);
		}
		assertThat(results.get(1).delay().toMillis()).isEqualTo(150);
		assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(3);
		assertThat(Files.readString(out.resolve("results.md"))).contains("| 0.5 | 150 ms |");
		assertThat(progress.toString(StandardCharsets.UTF_8)).contains("ratio 0.5: inbound delay 150 ms on every miner");
	}

}
