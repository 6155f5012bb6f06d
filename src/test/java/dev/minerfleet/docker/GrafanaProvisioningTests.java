package dev.minerfleet.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.minerfleet.docker.ComposeFile.Mount;
import dev.minerfleet.docker.ComposeFile.Service;
import dev.minerfleet.docker.ComposeFile.Yamls;
import tools.jackson.databind.JsonNode;

/**
 * Grafana's provisioning against docker-compose.yml: the data source is the compose Prometheus,
 * the dashboard file is mounted where the provider and the home page look for it, and every panel
 * queries that data source.
 */
class GrafanaProvisioningTests {

	static final Path DATASOURCES = Path.of("docker/grafana/provisioning/datasources/prometheus.yml");

	static final Path DASHBOARD_PROVIDERS = Path.of("docker/grafana/provisioning/dashboards/dashboards.yml");

	private final ComposeFile compose = ComposeFile.load();

	private final Service grafana = compose.service("grafana");

	private final Dashboard dashboard = Dashboard.load();

	@Test
	void defaultDataSourceIsTheComposePrometheus() {
		Map<String, Object> datasource = defaultDatasource();
		assertThat(datasource).containsEntry("uid", "prometheus").containsEntry("type", "prometheus");
		assertPointsAtComposePrometheus(compose, (String) datasource.get("url"));
	}

	@Test
	void everyPanelQueriesTheProvisionedDataSource() {
		String uid = (String) defaultDatasource().get("uid");
		assertThat(dashboard.panels()).isNotEmpty().allSatisfy(panel -> {
			assertThat(panel.path("datasource").path("uid").asString()).as("panel %s", panel.path("title"))
				.isEqualTo(uid);
			for (JsonNode target : panel.path("targets")) {
				assertThat(target.path("datasource").path("uid").asString())
					.as("target %s of panel %s", target.path("refId"), panel.path("title"))
					.isEqualTo(uid);
			}
		});
	}

	@Test
	void dashboardIsProvisionedFromTheMountedDirectoryAndIsTheHomePage() {
		assertThat(dashboard.json().path("uid").asString()).isEqualTo("minerfleet");
		Map<String, Object> provider = Yamls
			.map(Yamls.list(Yamls.load(DASHBOARD_PROVIDERS).get("providers"), "providers").get(0), "providers");
		String providerPath = (String) Yamls.map(provider.get("options"), "options").get("path");
		assertThat(hostPathOf(providerPath)).as("the provider's directory %s, mounted", providerPath)
			.isEqualTo(Dashboard.PATH.getParent());
		String home = grafana.environment().get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
		assertThat(home).as("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").isNotNull();
		assertThat(hostPathOf(home)).isEqualTo(Dashboard.PATH);
		assertThat(hostPathOf("/etc/grafana/provisioning/datasources/prometheus.yml")).isEqualTo(DATASOURCES);
	}

	@Test
	void letsAnonymousVisitorsViewButNotEdit() {
		assertThat(grafana.environment()).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "true")
			.containsEntry("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer");
		assertThat(grafana.ports()).anySatisfy(port -> assertThat(port.hostPort()).hasValue(3000));
	}

	@Test
	void everyExpressionUsesTheApplicationsMetricsOrPrometheusOwn() {
		assertThat(dashboard.expressions()).isNotEmpty()
			.allSatisfy(expression -> assertThat(expression).containsPattern("blockchain_[a-z_]+|\\bup\\{"));
		assertThat(dashboard.metricNames()).contains("blockchain_height", "blockchain_mempool_size",
				"blockchain_hashes_total", "blockchain_blocks_mined_total", "blockchain_blocks_received_total",
				"blockchain_reorgs_total", "blockchain_block_propagation_delay_seconds_bucket",
				"blockchain_transaction_confirmation_latency_seconds_bucket");
	}

	@Test
	void selectsOnlyScrapeJobsPrometheusHas() {
		List<Object> jobs = Yamls.list(Yamls.load(PrometheusConfigTests.PATH).get("scrape_configs"), "scrape_configs")
			.stream()
			.map(job -> Yamls.map(job, "scrape_configs").get("job_name"))
			.toList();
		Matcher job = Pattern.compile("\\bjob\\s*=\\s*\"([^\"]*)\"").matcher(String.join("\n", dashboard.expressions()));
		int selected = 0;
		while (job.find()) {
			assertThat(jobs).as("scrape jobs").contains(job.group(1));
			selected++;
		}
		assertThat(selected).as("expressions selecting a job (the miners-up count)").isPositive();
	}

	/** Also used by {@link DashboardMetricsIT}. */
	static void assertPointsAtComposePrometheus(ComposeFile compose, String url) {
		URI uri = URI.create(url);
		assertThat(uri.getHost()).as("data source host: the prometheus service").isEqualTo("prometheus");
		Service prometheus = compose.service(uri.getHost());
		assertThat(prometheus.image()).hasValueSatisfying(image -> assertThat(image).startsWith("prom/prometheus"));
		assertThat(uri.getPort()).as("Prometheus listens on 9090 in its container").isEqualTo(9090);
		assertThat(prometheus.ports()).anySatisfy(port -> assertThat(port.containerPort()).isEqualTo(9090));
	}

	private Map<String, Object> defaultDatasource() {
		List<?> datasources = Yamls.list(Yamls.load(DATASOURCES).get("datasources"), "datasources");
		return datasources.stream()
			.map(datasource -> Yamls.map(datasource, "datasources"))
			.filter(datasource -> Boolean.TRUE.equals(datasource.get("isDefault")))
			.findFirst()
			.orElseThrow(() -> new AssertionError(DATASOURCES + " declares no default data source"));
	}

	/** Where a path inside the Grafana container comes from in the repository, through the compose bind mounts. */
	private Path hostPathOf(String containerPath) {
		for (Mount mount : grafana.volumes()) {
			if (mount.isBind() && (containerPath + "/").startsWith(mount.target() + "/")) {
				String below = containerPath.substring(mount.target().length()).replaceFirst("^/", "");
				return Path.of(mount.source()).resolve(below).normalize();
			}
		}
		throw new AssertionError(containerPath + " is on no bind mount of the grafana service: " + grafana.volumes());
	}

}
