package dev.minerfleet.docker;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as the tests read it: SnakeYAML resolves the anchors and merge keys
 * ({@code <<: *miner}) the way Compose does, and this gives the parsed services typed accessors.
 * Only the syntax the file uses is modelled; anything else fails loudly.
 */
final class ComposeFile {

	static final Path PATH = Path.of("docker-compose.yml");

	/** The miner image's Dockerfile, relative to the repository root. */
	static final Path MINER_DOCKERFILE = Path.of("docker/Dockerfile");

	private final Map<String, Object> root;

	private ComposeFile(Map<String, Object> root) {
		this.root = root;
	}

	static ComposeFile load() {
		return new ComposeFile(Yamls.load(PATH));
	}

	Map<String, Service> services() {
		Map<String, Service> services = new LinkedHashMap<>();
		Yamls.map(root.get("services"), "services")
			.forEach((name, definition) -> services.put(name, new Service(name, Yamls.map(definition, name))));
		return services;
	}

	Service service(String name) {
		Service service = services().get(name);
		if (service == null) {
			throw new AssertionError("docker-compose.yml has no service '" + name + "'; it has " + services().keySet());
		}
		return service;
	}

	/** Services built from docker/Dockerfile: the miners. */
	List<Service> miners() {
		return services().values().stream().filter(Service::isMiner).toList();
	}

	/** Names declared under the top-level {@code volumes:} key. */
	List<String> namedVolumes() {
		Object volumes = root.get("volumes");
		return (volumes != null) ? List.copyOf(Yamls.map(volumes, "volumes").keySet()) : List.of();
	}

	/** One service of the file, after merge keys. */
	record Service(String name, Map<String, Object> definition) {

		Optional<String> image() {
			return Optional.ofNullable((String) definition.get("image"));
		}

		/** The Dockerfile it is built from, relative to the repository root, if it is built. */
		Optional<Path> dockerfile() {
			Object build = definition.get("build");
			if (build == null) {
				return Optional.empty();
			}
			if (build instanceof String context) {
				return Optional.of(Path.of(context).resolve("Dockerfile").normalize());
			}
			Map<String, Object> spec = Yamls.map(build, name + ".build");
			Path context = Path.of((String) spec.getOrDefault("context", "."));
			return Optional.of(context.resolve((String) spec.getOrDefault("dockerfile", "Dockerfile")).normalize());
		}

		/** Built from docker/Dockerfile and running what its entry point runs (a one-shot helper replaces it). */
		boolean isMiner() {
			return dockerfile().map(MINER_DOCKERFILE::equals).orElse(false) && entrypoint().isEmpty();
		}

		/** The entry point this service sets instead of its image's, its words joined by spaces. */
		Optional<String> entrypoint() {
			Object entrypoint = definition.get("entrypoint");
			if (entrypoint == null) {
				return Optional.empty();
			}
			return Optional.of((entrypoint instanceof List<?> words)
					? words.stream().map(String::valueOf).collect(Collectors.joining(" "))
					: String.valueOf(entrypoint));
		}

		/** The environment, from either the map or the {@code KEY=value} list form. */
		Map<String, String> environment() {
			Object environment = definition.get("environment");
			Map<String, String> variables = new LinkedHashMap<>();
			if (environment instanceof Map<?, ?> map) {
				map.forEach((key, value) -> variables.put(String.valueOf(key), (value != null) ? String.valueOf(value) : ""));
			}
			else if (environment instanceof List<?> list) {
				for (Object entry : list) {
					String text = String.valueOf(entry);
					int equals = text.indexOf('=');
					variables.put((equals < 0) ? text : text.substring(0, equals),
							(equals < 0) ? "" : text.substring(equals + 1));
				}
			}
			else if (environment != null) {
				throw new AssertionError(name + ".environment is neither a map nor a list: " + environment);
			}
			return variables;
		}

		List<PortMapping> ports() {
			Object ports = definition.get("ports");
			if (ports == null) {
				return List.of();
			}
			return Yamls.list(ports, name + ".ports").stream().map(port -> PortMapping.parse(name, port)).toList();
		}

		/** Service name to condition; the short list form means {@code service_started}. */
		Map<String, String> dependsOn() {
			Object dependsOn = definition.get("depends_on");
			Map<String, String> conditions = new LinkedHashMap<>();
			if (dependsOn instanceof List<?> list) {
				list.forEach(service -> conditions.put(String.valueOf(service), "service_started"));
			}
			else if (dependsOn != null) {
				Yamls.map(dependsOn, name + ".depends_on")
					.forEach((service, spec) -> conditions.put(service, String.valueOf(
							Yamls.map(spec, name + ".depends_on." + service).getOrDefault("condition", "service_started"))));
			}
			return conditions;
		}

		List<Mount> volumes() {
			Object volumes = definition.get("volumes");
			if (volumes == null) {
				return List.of();
			}
			List<Mount> mounts = new ArrayList<>();
			for (Object volume : Yamls.list(volumes, name + ".volumes")) {
				String[] parts = String.valueOf(volume).split(":");
				if (parts.length < 2) {
					throw new AssertionError(name + ": expected source:target[:mode], not " + volume);
				}
				mounts.add(new Mount(parts[0], parts[1]));
			}
			return mounts;
		}

		List<String> profiles() {
			Object profiles = definition.get("profiles");
			return (profiles != null) ? Yamls.list(profiles, name + ".profiles").stream().map(String::valueOf).toList()
					: List.of();
		}

		Map<String, Object> healthcheck() {
			Object healthcheck = definition.get("healthcheck");
			return (healthcheck != null) ? Yamls.map(healthcheck, name + ".healthcheck") : Map.of();
		}

	}

	/** {@code "8082:8081"}, {@code "127.0.0.1:8082:8081"} or {@code "8081"} (no host port). */
	record PortMapping(Optional<Integer> hostPort, int containerPort) {

		static PortMapping parse(String service, Object port) {
			String text = String.valueOf(port);
			if (text.contains("/") || text.contains("-")) {
				throw new AssertionError(service + ": port ranges and protocols are not modelled: " + text);
			}
			String[] parts = text.split(":");
			int container = Integer.parseInt(parts[parts.length - 1]);
			return new PortMapping(
					(parts.length > 1) ? Optional.of(Integer.parseInt(parts[parts.length - 2])) : Optional.empty(),
					container);
		}

	}

	/** A volume line: a bind mount when the source is a path, else a named volume. */
	record Mount(String source, String target) {

		boolean isBind() {
			return source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
		}

	}

	/** Casts of parsed YAML with messages that say where the file differs from what the tests expect. */
	static final class Yamls {

		private Yamls() {
		}

		static Map<String, Object> load(Path path) {
			try (Reader reader = Files.newBufferedReader(path)) {
				return map(new Yaml().load(reader), path.toString());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot read " + path.toAbsolutePath(), ex);
			}
		}

		@SuppressWarnings("unchecked")
		static Map<String, Object> map(Object value, String where) {
			if (!(value instanceof Map<?, ?>)) {
				throw new AssertionError(where + " should be a YAML mapping, not " + value);
			}
			return (Map<String, Object>) value;
		}

		static List<?> list(Object value, String where) {
			if (!(value instanceof List<?> list)) {
				throw new AssertionError(where + " should be a YAML list, not " + value);
			}
			return list;
		}

	}

}
