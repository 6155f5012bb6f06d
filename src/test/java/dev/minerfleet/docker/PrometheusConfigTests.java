package dev.minerfleet.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.minerfleet.docker.ComposeFile.Mount;
import dev.minerfleet.docker.ComposeFile.Service;
import dev.minerfleet.docker.ComposeFile.Yamls;

/**
 * docker/prometheus/prometheus.yml against docker-compose.yml: Prometheus scrapes every miner, and
 * only miners, where they serve their metrics.
 */
class PrometheusConfigTests {

	static final Path PATH = Path.of("docker/prometheus/prometheus.yml");

	static final int MINER_PORT = 8081;

	static final String METRICS_PATH = "/actuator/prometheus";

	private final ComposeFile compose = ComposeFile.load();

	private final Map<String, Object> config = Yamls.load(PATH);

	@Test
	void composeMountsThisFileWherePrometheusReadsIt() {
		List<Mount> volumes = compose.service("prometheus").volumes();
		assertThat(volumes).contains(new Mount("./" + PATH, "/etc/prometheus/prometheus.yml"));
	}

	@Test
	void scrapesEveryStaticTargetFromAMinerServiceOnItsContainerPort() {
		List<String> targets = new ArrayList<>();
		for (Map<String, Object> job : scrapeConfigs()) {
			for (Object staticConfig : listOrEmpty(job.get("static_configs"), "static_configs")) {
				for (Object target : Yamls.list(Yamls.map(staticConfig, "static_configs").get("targets"), "targets")) {
					targets.add(String.valueOf(target));
				}
			}
		}
		assertThat(targets).as("static targets").isNotEmpty();
		for (String target : targets) {
			String host = target.substring(0, target.lastIndexOf(':'));
			int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
			assertThat(compose.services()).as("target %s is a compose service", target).containsKey(host);
			assertThat(compose.service(host).isMiner()).as("target %s is built from the miner image", target).isTrue();
			assertThat(port).as("target %s: every miner listens on %d inside its container", target, MINER_PORT)
				.isEqualTo(MINER_PORT);
		}
	}

	@Test
	void discoversReplicasOfMinerServicesByTheirDnsNameOnTheContainerPort() {
		List<Map<String, Object>> lookups = new ArrayList<>();
		for (Map<String, Object> job : scrapeConfigs()) {
			for (Object dns : listOrEmpty(job.get("dns_sd_configs"), "dns_sd_configs")) {
				lookups.add(Yamls.map(dns, "dns_sd_configs"));
			}
		}
		for (Map<String, Object> lookup : lookups) {
			assertThat(lookup.get("type")).as("record type: compose's DNS answers A records").isEqualTo("A");
			assertThat(lookup.get("port")).isEqualTo(MINER_PORT);
			for (Object name : Yamls.list(lookup.get("names"), "names")) {
				assertThat(compose.services()).as("DNS name %s is a compose service", name).containsKey((String) name);
				assertThat(compose.service((String) name).isMiner()).as("DNS name %s is a miner service", name).isTrue();
			}
		}
	}

	@Test
	void readsMetricsFromTheActuatorEveryFiveSeconds() {
		Map<String, Object> global = Yamls.map(config.get("global"), "global");
		assertThat(global.get("scrape_interval")).isEqualTo("5s");
		assertThat(scrapeConfigs()).isNotEmpty().allSatisfy(job -> {
			assertThat(job.get("metrics_path")).as("metrics_path of job %s", job.get("job_name")).isEqualTo(METRICS_PATH);
			assertThat(job.getOrDefault("scheme", "http")).isEqualTo("http");
		});
	}

	@Test
	void leavesNoMinerServiceUnscraped() {
		Set<String> scraped = new LinkedHashSet<>();
		for (Map<String, Object> job : scrapeConfigs()) {
			for (Object staticConfig : listOrEmpty(job.get("static_configs"), "static_configs")) {
				for (Object target : Yamls.list(Yamls.map(staticConfig, "static_configs").get("targets"), "targets")) {
					scraped.add(String.valueOf(target).split(":")[0]);
				}
			}
			for (Object dns : listOrEmpty(job.get("dns_sd_configs"), "dns_sd_configs")) {
				for (Object name : Yamls.list(Yamls.map(dns, "dns_sd_configs").get("names"), "names")) {
					scraped.add(String.valueOf(name));
				}
			}
		}
		assertThat(scraped).as("services Prometheus scrapes")
			.containsAll(compose.miners().stream().map(Service::name).toList());
	}

	private List<Map<String, Object>> scrapeConfigs() {
		return Yamls.list(config.get("scrape_configs"), "scrape_configs")
			.stream()
			.map(job -> Yamls.map(job, "scrape_configs"))
			.toList();
	}

	private static List<?> listOrEmpty(Object value, String where) {
		return (value != null) ? Yamls.list(value, where) : List.of();
	}

}
