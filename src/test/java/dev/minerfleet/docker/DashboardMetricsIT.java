package dev.minerfleet.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.minerfleet.docker.ComposeFile.Yamls;
import dev.minerfleet.it.Miner;
import dev.minerfleet.testsupport.RawMqttClient;
import dev.minerfleet.testsupport.TestBroker;

/**
 * The Grafana dashboard against a live miner: every metric its PromQL reads, every label it selects
 * or groups by, and every literal label value it filters on, is in the miner's
 * {@code /actuator/prometheus} once the miner has mined and heard the network. A renamed meter
 * fails here rather than as an empty panel.
 */
class DashboardMetricsIT {

	private static final String MINER_ID = "dash-1";

	/** Series a histogram or summary exports under its base name. */
	private static final List<String> DISTRIBUTION_SUFFIXES = List.of("_bucket", "_count", "_sum", "_max");

	private static final Pattern SELECTOR = Pattern.compile("(blockchain_[a-z_]+)\\s*\\{([^}]*)\\}");

	private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|ignoring|on)\\s*\\(([^)]*)\\)");

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+\\S+.*$");

	private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	@RegisterExtension
	static final TestBroker broker = new TestBroker();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static Miner miner;

	private static List<Sample> scrape;

	@BeforeAll
	static void startMinerAndLetItMineAndHearTheNetwork() throws Exception {
		String topics = broker.uniqueTopicPrefix();
		miner = Miner.start(MINER_ID, broker.url(), topics, "--chain.difficulty-bits=14");
		try (RawMqttClient network = RawMqttClient.connect(broker.url())) {
			miner.awaitListening(network, topics);
			// a block message nobody can decode: the rejected-by-reason series the dashboard filters on
			network.publish(topics + "/NEWBLOCK", "{\"protocol\":1,\"type\":\"block\",\"block\":", 1);
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			List<Sample> samples = scrape();
			return value(samples, "blockchain_height") >= 3 && value(samples, "blockchain_blocks_mined_total") >= 3
					&& value(samples, "blockchain_transactions_received_total") >= 1
					&& samples.stream().anyMatch(s -> s.name().equals("blockchain_blocks_received_total")
							&& "rejected".equals(s.labels().get("result")));
		});
		scrape = scrape();
	}

	@AfterAll
	static void stopMiner() {
		if (miner != null) {
			miner.close();
		}
	}

	@Test
	void exportsEveryMetricTheDashboardQueries() {
		Set<String> exported = scrape.stream().map(Sample::name).collect(Collectors.toCollection(TreeSet::new));
		Set<String> queried = Dashboard.load().metricNames();
		assertThat(queried).as("metrics the dashboard queries").isNotEmpty();
		List<String> missing = queried.stream().filter(name -> !isExported(name, exported)).toList();
		assertThat(missing).as("metrics the dashboard queries but the miner does not export; it exports %s", exported)
			.isEmpty();
	}

	@Test
	void tagsEverySeriesTheDashboardReadsWithTheMiner() {
		for (String name : Dashboard.load().metricNames()) {
			assertThat(seriesOf(name)).as("series of %s", name)
				.isNotEmpty()
				.allSatisfy(sample -> assertThat(sample.labels()).containsEntry("miner", MINER_ID));
		}
	}

	@Test
	void selectsAndGroupsOnlyByLabelsAndValuesTheMetricsHave() {
		for (String expression : Dashboard.load().expressions()) {
			Set<String> labelsInExpression = new TreeSet<>();
			Matcher selector = SELECTOR.matcher(expression);
			while (selector.find()) {
				String metric = selector.group(1);
				Matcher matcher = MATCHER.matcher(selector.group(2));
				while (matcher.find()) {
					String label = matcher.group(1);
					String value = matcher.group(3);
					assertThat(seriesOf(metric)).as("%s has a label %s, selected in %s", metric, label, expression)
						.anySatisfy(sample -> assertThat(sample.labels()).containsKey(label));
					if (matcher.group(2).equals("=") && !value.contains("$")) {
						assertThat(seriesOf(metric)).as("%s has %s=\"%s\", selected in %s", metric, label, value, expression)
							.anySatisfy(sample -> assertThat(sample.labels()).containsEntry(label, value));
					}
				}
			}
			for (String metric : Dashboard.metricNames(expression)) {
				seriesOf(metric).forEach(sample -> labelsInExpression.addAll(sample.labels().keySet()));
			}
			Matcher grouping = GROUPING.matcher(expression);
			while (grouping.find()) {
				for (String label : grouping.group(1).split(",")) {
					if (!label.isBlank()) {
						assertThat(labelsInExpression).as("labels of the metrics grouped in %s", expression)
							.contains(label.strip());
					}
				}
			}
		}
	}

	@Test
	void dataSourceProvisioningPointsAtTheComposePrometheus() {
		List<?> datasources = Yamls.list(Yamls.load(GrafanaProvisioningTests.DATASOURCES).get("datasources"),
				"datasources");
		assertThat(datasources).isNotEmpty();
		for (Object datasource : datasources) {
			GrafanaProvisioningTests.assertPointsAtComposePrometheus(ComposeFile.load(),
					(String) Yamls.map(datasource, "datasources").get("url"));
		}
	}

	private static boolean isExported(String name, Set<String> exported) {
		return exported.contains(name) || DISTRIBUTION_SUFFIXES.stream().anyMatch(s -> exported.contains(name + s));
	}

	/** The samples of a metric; a histogram's or summary's base name stands for all its series. */
	private static List<Sample> seriesOf(String name) {
		List<Sample> exact = scrape.stream().filter(sample -> sample.name().equals(name)).toList();
		if (!exact.isEmpty()) {
			return exact;
		}
		return scrape.stream()
			.filter(sample -> DISTRIBUTION_SUFFIXES.stream().anyMatch(s -> sample.name().equals(name + s)))
			.toList();
	}

	private static double value(List<Sample> samples, String name) {
		return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
	}

	private static List<Sample> scrape() throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(miner.baseUrl() + "/actuator/prometheus"))
					.header("Accept", "text/plain")
					.GET()
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		List<Sample> samples = new ArrayList<>();
		for (String line : response.body().split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher sample = SAMPLE.matcher(line);
			if (!sample.matches()) {
				throw new AssertionError("not a Prometheus text format sample: " + line);
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (sample.group(2) != null) {
				Matcher label = LABEL.matcher(sample.group(2));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			String[] fields = line.substring(line.lastIndexOf('}') + 1).strip().split("\\s+");
			String number = (sample.group(2) != null) ? fields[0] : line.split("\\s+")[1];
			samples.add(new Sample(sample.group(1), labels, Double.parseDouble(number)));
		}
		return samples;
	}

	private record Sample(String name, Map<String, String> labels, double value) {

	}

}
