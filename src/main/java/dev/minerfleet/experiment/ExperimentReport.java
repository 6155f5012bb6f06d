package dev.minerfleet.experiment;

import java.util.List;
import java.util.Locale;

/** An experiment's results as CSV, for scripts, and as a Markdown table, for docs/experiments.md. */
public final class ExperimentReport {

	private ExperimentReport() {
	}

	public static String csv(List<ExperimentResult> results) {
		StringBuilder csv = new StringBuilder(
				"ratio,delay_ms,miners,blocks_found,main_chain,stale,stale_rate,ci95_low,ci95_high,measured_interval_ms,"
						+ "predicted_dw,predicted_others_only,predicted_in_ci,elapsed_s\n");
		for (ExperimentResult result : results) {
			StaleRate rate = result.staleRate();
			StaleRate.Interval interval = rate.interval();
			csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%.4f,%.4f,%.4f,%d,%.4f,%.4f,%s,%.1f%n",
					ratio(result.ratio()), result.delay().toMillis(), result.miners(), rate.total(), result.mainChain(),
					rate.stale(), rate.rate(), interval.low(), interval.high(), result.measuredInterval().toMillis(),
					result.predicted(), result.predictedOthersOnly(), interval.contains(result.predicted()),
					result.elapsed().toMillis() / 1000.0));
		}
		return csv.toString();
	}

	public static String markdown(List<ExperimentResult> results) {
		StringBuilder table = new StringBuilder("""
				| delay / interval | delay | blocks found | stale | stale rate | 95% interval | T measured | \
				predicted 1-exp(-τ/T) | inside? | predicted, others' share only |
				|---|---|---|---|---|---|---|---|---|---|
				""");
		for (ExperimentResult result : results) {
			StaleRate rate = result.staleRate();
			StaleRate.Interval interval = rate.interval();
			table.append(String.format(Locale.ROOT,
					"| %s | %d ms | %d | %d | %.1f%% | %.1f%% – %.1f%% | %d ms | %.1f%% | %s | %.1f%% |%n",
					ratio(result.ratio()), result.delay().toMillis(), rate.total(), rate.stale(), 100 * rate.rate(),
					100 * interval.low(), 100 * interval.high(), result.measuredInterval().toMillis(),
					100 * result.predicted(), interval.contains(result.predicted()) ? "yes" : "no",
					100 * result.predictedOthersOnly()));
		}
		return table.toString();
	}

	private static String ratio(double ratio) {
		return String.format(Locale.ROOT, "%s", (ratio == Math.rint(ratio)) ? String.valueOf((long) ratio)
				: Double.toString(ratio));
	}

}
