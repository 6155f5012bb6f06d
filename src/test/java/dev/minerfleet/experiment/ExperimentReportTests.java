package dev.minerfleet.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ExperimentReportTests {

	private final ExperimentResult result = new ExperimentResult(0.1, Duration.ofMillis(100), 5, new StaleRate(20, 200),
			180, Duration.ofMillis(1000), Duration.ofSeconds(200));

	@Test
	void theCsvHoldsOneRowPerSettingWithTheIntervalAndThePrediction() {
		List<String> lines = ExperimentReport.csv(List.of(result)).lines().toList();

		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).startsWith("ratio,delay_ms,miners,blocks_found,main_chain,stale,stale_rate,");
		assertThat(lines.get(1)).isEqualTo("0.1,100,5,200,180,20,0.1000,0.0657,0.1494,1000,0.0952,0.0769,true,200.0");
	}

	@Test
	void theMarkdownTableSaysWhetherThePredictionLiesInsideTheInterval() {
		List<String> lines = ExperimentReport.markdown(List.of(result)).lines().toList();

		assertThat(lines).hasSize(3);
		assertThat(lines.get(2)).isEqualTo("| 0.1 | 100 ms | 200 | 20 | 10.0% | 6.6% – 14.9% | 1000 ms | 9.5% | yes | 7.7% |");
	}

}
