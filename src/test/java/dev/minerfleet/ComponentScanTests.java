package dev.minerfleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * A miner started from the test classpath (the integration tests' and benchmarks' fleets) scans {@code dev.minerfleet}
 * with the test classes in it. Spring Boot's test filter keeps out what is marked as a test configuration and what is
 * nested in a test class; any other configuration under src/test would join every miner of every such fleet. One did:
 * the observers of three tests and benchmarks ran in every miner of the propagation benchmark, one of them keeping
 * every transaction id for good. A helper a fleet wants is passed to it explicitly, as a {@code @TestConfiguration}.
 */
class ComponentScanTests {

	@Test
	void aMinerStartedWithTheTestClassesOnItsClasspathScansInNothingFromThem() throws Exception {
		ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(true);
		scan.addExcludeFilter(typeExcludeFilterAsInAMiner());
		Path testClasses = testClasses();

		List<String> fromTests = scan.findCandidateComponents("dev.minerfleet")
			.stream()
			.map(candidate -> candidate.getBeanClassName())
			.filter(name -> isUnder(name, testClasses))
			.toList();

		assertThat(fromTests).isEmpty();
	}

	@Test
	void withoutTheFilterTheScanFindsConfigurationsUnderTheTestClasses() throws Exception {
		// the scan does reach src/test: the check above fails when the filter lets one through (as it did for three)
		ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(true);
		Path testClasses = testClasses();

		assertThat(scan.findCandidateComponents("dev.minerfleet"))
			.anyMatch(candidate -> isUnder(candidate.getBeanClassName(), testClasses));
	}

	/**
	 * The filter {@code @SpringBootApplication}'s scan applies, with what Spring Boot's test jar adds to every
	 * application context on the classpath (its "exclude filter" initializer, from spring.factories) registered.
	 */
	private static TypeExcludeFilter typeExcludeFilterAsInAMiner() {
		GenericApplicationContext context = new GenericApplicationContext();
		List<ApplicationContextInitializer<?>> initializers = new SpringApplication().getInitializers()
			.stream()
			.filter(initializer -> initializer.getClass().getSimpleName().startsWith("ExcludeFilter"))
			.toList();
		assertThat(initializers).as("Spring Boot's test exclude filter initializer").hasSize(1);
		@SuppressWarnings("unchecked")
		ApplicationContextInitializer<ConfigurableApplicationContext> initializer =
				(ApplicationContextInitializer<ConfigurableApplicationContext>) initializers.get(0);
		initializer.initialize(context);
		TypeExcludeFilter filter = new TypeExcludeFilter();
		filter.setBeanFactory(context.getBeanFactory());
		return filter;
	}

	private static Path testClasses() throws Exception {
		return Path.of(ComponentScanTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
	}

	private static boolean isUnder(String className, Path classes) {
		try {
			Class<?> type = ClassUtils.forName(className, ComponentScanTests.class.getClassLoader());
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).equals(classes);
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot locate " + className, ex);
		}
	}

}
