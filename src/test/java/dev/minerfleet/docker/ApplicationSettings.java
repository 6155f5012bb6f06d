package dev.minerfleet.docker;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The settings a miner reads, and which environment variable sets which of them.
 * <p>
 * The application's own settings are derived, not listed: every {@code @ConfigurationProperties}
 * record under {@code dev.minerfleet} contributes its prefix plus each component's dashed name
 * ({@code chain.difficulty-bits}), nested records recursively. A variable is matched to a setting by
 * Spring Boot itself, through the same {@link SystemEnvironmentPropertySource} relaxed binding the
 * application uses ({@code CHAIN_DIFFICULTY_BITS} sets {@code chain.difficulty-bits}).
 */
final class ApplicationSettings {

	static final String BASE_PACKAGE = "dev.minerfleet";

	/** Spring Boot's own settings a container may set. */
	static final Set<String> SPRING_PROPERTIES = Set.of("server.port");

	/** Spring Boot's own groups of settings, any of whose members a container may set. */
	static final List<String> SPRING_GROUPS = List.of("logging", "management", "spring");

	/** Read by the JVM or by the image's entry point, not by Spring. */
	static final Set<String> JVM_VARIABLES = Set.of("JAVA_OPTS", "JAVA_TOOL_OPTIONS");

	private final Set<String> properties;

	private ApplicationSettings(Set<String> properties) {
		this.properties = properties;
	}

	static ApplicationSettings derive() {
		Set<String> names = new TreeSet<>(SPRING_PROPERTIES);
		for (Class<?> type : configurationPropertiesTypes()) {
			MergedAnnotation<ConfigurationProperties> annotation = MergedAnnotations.from(type)
				.get(ConfigurationProperties.class);
			addComponents(annotation.getString("prefix"), type, names);
		}
		return new ApplicationSettings(names);
	}

	/** Every application setting, Spring's own {@link #SPRING_PROPERTIES} included. */
	Set<String> properties() {
		return properties;
	}

	/**
	 * What a container's environment variable configures: the setting's name, {@code spring group
	 * <name>.*} for one of Spring's groups, or {@code jvm} for the JVM's variables; empty when the
	 * application reads no such setting.
	 */
	Optional<String> settingFor(String variable) {
		if (JVM_VARIABLES.contains(variable)) {
			return Optional.of("jvm");
		}
		// Boot applies its environment variable mapping to a source by this name only
		ConfigurationPropertySource environment = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "value")));
		for (String property : properties) {
			if (environment.getConfigurationProperty(ConfigurationPropertyName.of(property)) != null) {
				return Optional.of(property);
			}
		}
		// the names Spring maps the variable to: LOGGING_LEVEL_DEV_MINERFLEET is logging.level.dev.minerfleet
		List<ConfigurationPropertyName> mapped = ((IterableConfigurationPropertySource) environment).stream().toList();
		for (String group : SPRING_GROUPS) {
			if (mapped.stream().anyMatch(ConfigurationPropertyName.of(group)::isAncestorOf)) {
				return Optional.of("spring group " + group + ".*");
			}
		}
		return Optional.empty();
	}

	private static Collection<Class<?>> configurationPropertiesTypes() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		Set<Class<?>> types = new java.util.LinkedHashSet<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents(BASE_PACKAGE)) {
			types.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), ApplicationSettings.class.getClassLoader()));
		}
		return types;
	}

	private static void addComponents(String prefix, Class<?> type, Set<String> names) {
		if (!type.isRecord()) {
			throw new AssertionError(type.getName() + " is a @ConfigurationProperties class but not a record: derive"
					+ " its settings from its properties here before relying on this test");
		}
		for (RecordComponent component : type.getRecordComponents()) {
			String name = prefix + "." + DataObjectPropertyName.toDashedForm(component.getName());
			Class<?> componentType = component.getType();
			if (componentType.isRecord() && componentType.getName().startsWith(BASE_PACKAGE)) {
				addComponents(name, componentType, names);
			}
			else {
				names.add(name);
			}
		}
	}

}
