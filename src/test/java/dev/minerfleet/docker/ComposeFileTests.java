package dev.minerfleet.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.minerfleet.docker.ComposeFile.Mount;
import dev.minerfleet.docker.ComposeFile.Service;
import dev.minerfleet.docker.ComposeFile.Yamls;
import dev.minerfleet.docker.Dockerfile.Stage;

/**
 * docker-compose.yml and docker/Dockerfile, checked without a Docker engine: the services, the
 * settings they give the miners, the start order, the volumes and what the image runs.
 */
class ComposeFileTests {

	private static final List<String> NAMED_MINERS = List.of("miner-1", "miner-2", "miner-3");

	private final ComposeFile compose = ComposeFile.load();

	private final Dockerfile dockerfile = Dockerfile.load();

	@Test
	void definesTheBrokerThreeMinersPrometheusAndGrafana() {
		assertThat(compose.services()).containsKeys("mosquitto", "miner-1", "miner-2", "miner-3", "prometheus",
				"grafana");
		assertThat(compose.service("mosquitto").image()).hasValueSatisfying(
				image -> assertThat(image).startsWith("eclipse-mosquitto:2"));
		assertThat(compose.service("prometheus").image()).hasValueSatisfying(
				image -> assertThat(image).startsWith("prom/prometheus"));
		assertThat(compose.service("grafana").image()).hasValueSatisfying(
				image -> assertThat(image).startsWith("grafana/grafana"));
		for (String miner : NAMED_MINERS) {
			assertThat(compose.service(miner).isMiner()).as("%s is built from %s", miner, ComposeFile.MINER_DOCKERFILE)
				.isTrue();
		}
	}

	@Test
	void givesEachNamedMinerItsOwnIdAndHostPort() {
		Map<String, String> ids = new LinkedHashMap<>();
		Map<String, Integer> hostPorts = new LinkedHashMap<>();
		for (String name : NAMED_MINERS) {
			Service miner = compose.service(name);
			ids.put(name, miner.environment().get("MINER_ID"));
			assertThat(miner.ports()).as("%s publishes one port", name).hasSize(1);
			hostPorts.put(name, miner.ports().get(0).hostPort().orElseThrow());
		}
		assertThat(ids).as("MINER_ID of each miner").doesNotContainValue(null);
		assertThat(ids.values()).as("MINER_ID of each miner").doesNotHaveDuplicates();
		assertThat(ids.values()).allMatch(id -> id.matches("[A-Za-z0-9._-]{1,64}"), "is a valid miner id");
		assertThat(hostPorts.values()).as("host port of each miner").doesNotHaveDuplicates();
		assertThat(hostPorts).containsEntry("miner-1", 8081).containsEntry("miner-2", 8082).containsEntry("miner-3", 8083);
	}

	@Test
	void setsOnMinersOnlyEnvironmentVariablesTheApplicationReads() {
		ApplicationSettings settings = ApplicationSettings.derive();
		Map<String, String> unknown = new LinkedHashMap<>();
		for (Service miner : compose.miners()) {
			for (String variable : miner.environment().keySet()) {
				if (settings.settingFor(variable).isEmpty()) {
					unknown.put(miner.name() + ": " + variable, variable);
				}
			}
		}
		assertThat(unknown.keySet())
			.as("environment variables that no miner reads (a typo, or a setting that was renamed or removed);"
					+ " the miner reads %s, Spring's %s.*, and the JVM's %s", settings.properties(),
					ApplicationSettings.SPRING_GROUPS, ApplicationSettings.JVM_VARIABLES)
			.isEmpty();
	}

	@Test
	void derivesTheMinersSettingsFromItsConfigurationPropertiesRecordsAndMapsVariablesLikeSpring() {
		ApplicationSettings settings = ApplicationSettings.derive();
		assertThat(settings.properties()).contains("miner.id", "server.port", "mqtt.url", "mqtt.topic-prefix",
				"chain.difficulty-bits", "chain.retarget-interval", "chain.block-interval", "mining.threads",
				"mining.enabled", "generator.mode", "generator.interval", "generator.enabled");
		assertThat(settings.settingFor("MINER_ID")).hasValue("miner.id");
		assertThat(settings.settingFor("CHAIN_DIFFICULTY_BITS")).hasValue("chain.difficulty-bits");
		assertThat(settings.settingFor("MQTT_TOPIC_PREFIX")).hasValue("mqtt.topic-prefix");
		assertThat(settings.settingFor("SERVER_PORT")).hasValue("server.port");
		assertThat(settings.settingFor("LOGGING_LEVEL_DEV_MINERFLEET")).hasValue("spring group logging.*");
		assertThat(settings.settingFor("JAVA_OPTS")).hasValue("jvm");
		assertThat(settings.settingFor("MINING_THREAD")).isEmpty();
		assertThat(settings.settingFor("CHAIN_DIFFICULTY")).isEmpty();
		assertThat(settings.settingFor("MINERID")).isEmpty();
	}

	@Test
	void startsMinersOnlyWhenTheBrokerIsHealthy() {
		assertThat(compose.service("mosquitto").healthcheck()).containsKey("test");
		for (Service miner : compose.miners()) {
			assertThat(miner.dependsOn()).as("%s depends_on", miner.name())
				.containsEntry("mosquitto", "service_healthy");
			assertThat(miner.healthcheck().get("disable")).as("%s keeps the image's health check", miner.name())
				.isNotEqualTo(true);
		}
		assertThat(compose.service("prometheus").dependsOn()).containsKeys(NAMED_MINERS.toArray(String[]::new));
		assertThat(compose.service("grafana").dependsOn()).containsKey("prometheus");
	}

	@Test
	void startsMiningOnEveryNamedMinerAtOnceWhenAllAreConnected() {
		// a miner cannot fetch blocks it missed yet: one that started after the first blocks never joins
		for (Service miner : compose.miners()) {
			assertThat(miner.environment()).as("%s starts paused", miner.name()).containsEntry("MINING_ENABLED", "false");
		}
		List<Service> starters = compose.services()
			.values()
			.stream()
			.filter(service -> service.entrypoint().filter(e -> e.contains("/mining/resume")).isPresent())
			.toList();
		assertThat(starters).as("a service that resumes mining").hasSize(1);
		Service starter = starters.get(0);
		for (String miner : NAMED_MINERS) {
			assertThat(starter.dependsOn()).containsEntry(miner, "service_healthy");
			assertThat(starter.entrypoint().orElseThrow()).contains(miner);
		}
		assertThat(starter.entrypoint().orElseThrow()).contains("curl")
			.contains(":" + imageServerPort() + "/mining/resume")
			.contains("-X POST");
		assertThat(starter.definition().get("restart")).as("a one-shot service is not restarted")
			.isIn(null, "no", "\"no\"");
	}

	@Test
	void buildsEveryMinerFromOneImageWithTheSameConsensusSettings() {
		List<Service> miners = compose.miners();
		assertThat(miners).hasSizeGreaterThanOrEqualTo(NAMED_MINERS.size());
		assertThat(miners.stream().map(Service::image).distinct()).as("image names of the miners").hasSize(1);
		Map<String, Map<String, String>> consensus = miners.stream()
			.collect(Collectors.toMap(Service::name, miner -> chainSettings(miner.environment())));
		assertThat(consensus.values().stream().distinct())
			.as("chain.* settings of each miner: with different ones they reject each other's blocks: %s", consensus)
			.hasSize(1);
	}

	@Test
	void pointsEveryMinerAtTheListenerMosquittoOpens() throws IOException {
		Service mosquitto = compose.service("mosquitto");
		Mount config = mosquitto.volumes()
			.stream()
			.filter(mount -> mount.target().equals("/mosquitto/config/mosquitto.conf"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("mosquitto.conf is not mounted where eclipse-mosquitto reads it"));
		Map<String, List<String>> conf = mosquittoConf(Path.of(config.source()));
		assertThat(conf.get("listener")).as("listeners").hasSize(1);
		int port = Integer.parseInt(conf.get("listener").get(0).split("\\s+")[0]);
		assertThat(conf.get("allow_anonymous")).containsExactly("false");
		assertThat(conf.get("persistence")).containsExactly("false");
		assertThat(Integer.parseInt(conf.get("max_queued_messages").get(0)))
			.as("max_queued_messages: Mosquitto's 1000 drops QoS 1 messages for slow subscribers")
			.isGreaterThanOrEqualTo(100_000);
		for (Service miner : compose.miners()) {
			URI url = URI.create(miner.environment().get("MQTT_URL"));
			assertThat(url.getScheme()).isEqualTo("tcp");
			assertThat(url.getHost()).as("%s MQTT_URL host", miner.name()).isEqualTo("mosquitto");
			assertThat(url.getPort()).as("%s MQTT_URL port", miner.name()).isEqualTo(port);
		}
	}

	@Test
	void refusesAnonymousClientsAndGivesEveryMinerTheUserMosquittoCreates() throws IOException {
		Service mosquitto = compose.service("mosquitto");
		Map<String, List<String>> conf = mosquittoConf(Path.of("docker/mosquitto/mosquitto.conf"));
		assertThat(conf.get("allow_anonymous")).as("allow_anonymous").containsExactly("false");
		assertThat(conf.get("password_file")).as("password_file").hasSize(1);
		String passwordFile = conf.get("password_file").get(0);

		String command = String.join(" ", Yamls.list(mosquitto.definition().get("command"), "mosquitto.command")
			.stream()
			.map(String::valueOf)
			.toList());
		assertThat(command).as("the mosquitto service creates the password file from its environment, then starts")
			.contains("mosquitto_passwd -b -c " + passwordFile + " \"$$MQTT_USERNAME\" \"$$MQTT_PASSWORD\"")
			.contains("exec mosquitto -c /mosquitto/config/mosquitto.conf");
		Map<String, String> credentials = mosquitto.environment();
		assertThat(credentials.get("MQTT_USERNAME")).as("mosquitto's MQTT_USERNAME").isNotBlank();
		assertThat(credentials.get("MQTT_PASSWORD")).as("mosquitto's MQTT_PASSWORD, overridable from .env")
			.startsWith("${MQTT_PASSWORD:-");
		for (Service miner : compose.miners()) {
			assertThat(miner.environment()).as("%s credentials", miner.name())
				.containsEntry("MQTT_USERNAME", credentials.get("MQTT_USERNAME"))
				.containsEntry("MQTT_PASSWORD", credentials.get("MQTT_PASSWORD"));
		}
		assertThat(String.valueOf(mosquitto.healthcheck().get("test"))).as("the health check logs in too")
			.contains("-u \"$$MQTT_USERNAME\" -P \"$$MQTT_PASSWORD\"");
	}

	@Test
	void publishesTheContainerPortEachMinerListensOn() {
		String imagePort = imageServerPort();
		assertThat(dockerfile.finalStage().all("EXPOSE")).contains(imagePort);
		for (Service miner : compose.miners()) {
			int listens = Integer.parseInt(miner.environment().getOrDefault("SERVER_PORT", imagePort));
			assertThat(miner.ports()).as("%s ports", miner.name())
				.allSatisfy(port -> assertThat(port.containerPort()).isEqualTo(listens));
		}
	}

	@Test
	void scalesTheUnnamedMinerWithoutFixedHostPortsOrIds() {
		Service scalable = compose.service("miner");
		assertThat(scalable.isMiner()).isTrue();
		assertThat(scalable.profiles()).as("kept out of a plain 'docker compose up'").isNotEmpty();
		assertThat(scalable.ports()).as("replicas cannot share a host port")
			.allSatisfy(port -> assertThat(port.hostPort()).isEmpty());
		assertThat(scalable.environment()).as("replicas cannot share an id").doesNotContainKey("MINER_ID");
		assertThat(dockerfile.finalStage().last("ENTRYPOINT")).as("the image gives a miner without MINER_ID its host name")
			.hasValueSatisfying(entrypoint -> assertThat(entrypoint).contains("${MINER_ID:-$HOSTNAME}"));
	}

	@Test
	void keepsPrometheusAndGrafanaDataInNamedVolumes() {
		assertThat(namedVolumeAt("prometheus", "/prometheus")).isPresent();
		assertThat(namedVolumeAt("grafana", "/var/lib/grafana")).isPresent();
		assertThat(compose.namedVolumes()).contains(namedVolumeAt("prometheus", "/prometheus").get(),
				namedVolumeAt("grafana", "/var/lib/grafana").get());
	}

	@Test
	void mountsOnlyFilesThatExistInTheRepository() {
		for (Service service : compose.services().values()) {
			for (Mount mount : service.volumes()) {
				if (mount.isBind()) {
					assertThat(Path.of(mount.source())).as("%s mounts %s", service.name(), mount.source()).exists();
				}
				else {
					assertThat(compose.namedVolumes()).as("%s uses volume %s", service.name(), mount.source())
						.contains(mount.source());
				}
			}
		}
	}

	@Test
	void buildsTheJarInOneStageAndRunsItAsAnUnprivilegedUserInAnother() {
		List<Stage> stages = dockerfile.stages();
		assertThat(stages).as("FROM stages").hasSizeGreaterThanOrEqualTo(2);
		Stage build = stages.get(0);
		assertThat(build.name()).as("the build stage is named").isPresent();
		assertThat(build.all("RUN")).anySatisfy(run -> assertThat(run).contains("./mvnw").contains("package"));
		assertThat(build.all("COPY").get(0)).as("the first COPY takes only the build files, for the layer cache")
			.contains("pom.xml")
			.doesNotContain("src");
		Stage runtime = dockerfile.finalStage();
		assertThat(runtime.image()).startsWith("eclipse-temurin:17-jre");
		assertThat(runtime.all("COPY")).anySatisfy(copy -> assertThat(copy).contains("--from=" + build.name().get()));
		assertThat(runtime.last("USER")).as("USER of the final stage")
			.hasValueSatisfying(user -> assertThat(user.split(":")[0]).isNotIn("root", "0"));
	}

	@Test
	void checksHealthOnTheActuatorAndRunsTheMinerModeOfTheJar() {
		Stage runtime = dockerfile.finalStage();
		assertThat(runtime.last("HEALTHCHECK")).hasValueSatisfying(
				check -> assertThat(check).contains("/actuator/health").contains("${SERVER_PORT"));
		assertThat(runtime.last("ENTRYPOINT")).hasValueSatisfying(entrypoint -> assertThat(entrypoint)
			.startsWith("[\"sh\", \"-c\"")
			.contains("exec java")
			.contains("$JAVA_OPTS")
			.contains("--add-opens java.base/sun.security.provider=ALL-UNNAMED")
			.contains("-XX:MaxRAMPercentage=")
			.contains("-XX:+ExitOnOutOfMemoryError")
			.contains("-jar /app/app.jar miner"));
	}

	private String imageServerPort() {
		return dockerfile.finalStage()
			.all("ENV")
			.stream()
			.map(env -> matchGroup("SERVER_PORT=(\\d+)", env))
			.flatMap(Optional::stream)
			.findFirst()
			.orElseThrow(() -> new AssertionError("the Dockerfile sets no SERVER_PORT"));
	}

	private Optional<String> namedVolumeAt(String service, String target) {
		return compose.service(service)
			.volumes()
			.stream()
			.filter(mount -> mount.target().equals(target) && !mount.isBind())
			.map(Mount::source)
			.findFirst();
	}

	private static Map<String, String> chainSettings(Map<String, String> environment) {
		return environment.entrySet()
			.stream()
			.filter(entry -> entry.getKey().startsWith("CHAIN_"))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/** Directive to its values, in file order; comments and blank lines dropped. */
	static Map<String, List<String>> mosquittoConf(Path path) throws IOException {
		Map<String, List<String>> directives = new LinkedHashMap<>();
		for (String line : Files.readAllLines(path)) {
			String stripped = line.strip();
			if (stripped.isEmpty() || stripped.startsWith("#")) {
				continue;
			}
			String[] parts = stripped.split("\\s+", 2);
			directives.computeIfAbsent(parts[0], key -> new ArrayList<>())
				.add((parts.length > 1) ? parts[1] : "");
		}
		return directives;
	}

	private static Optional<String> matchGroup(String regex, String text) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

}
