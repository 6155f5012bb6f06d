package dev.minerfleet.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** {@code network.*} and NETWORK_* as a miner binds them at start-up. */
class NetworkPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(NetworkTestConfiguration.class);

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(NetworkProperties.class)
	@Import(NetworkConfiguration.class)
	static class NetworkTestConfiguration {

	}

	private static final Partitions TWO_GROUPS = new Partitions(
			List.of(Set.of("miner-1", "miner-2"), Set.of("miner-3")));

	@Test
	void startsOnAPerfectNetworkWithoutSettings() {
		runner.run(context -> {
			assertThat(context.getBean(NetworkControl.class).current()).isEqualTo(NetworkConditions.NONE);
			assertThat(context.getBean(NetworkProperties.class).seed()).isEmpty();
		});
	}

	@Test
	void bindsEverySetting() {
		runner
			.withPropertyValues("network.delay=300ms", "network.jitter=PT0.05S", "network.jitter-distribution=exponential",
					"network.loss=0.1", "network.partitions=miner-1,miner-2;miner-3", "network.seed=42")
			.run(context -> {
				assertThat(context.getBean(NetworkControl.class).current()).isEqualTo(new NetworkConditions(
						Duration.ofMillis(300), Duration.ofMillis(50), JitterDistribution.EXPONENTIAL, 0.1, TWO_GROUPS));
				assertThat(context.getBean(NetworkProperties.class).seed()).contains(42L);
			});
	}

	@Test
	void bindsEnvironmentVariables() {
		Map<String, Object> environment = Map.of("NETWORK_DELAY", "1s", "NETWORK_JITTER_DISTRIBUTION", "normal",
				"NETWORK_PARTITIONS", "miner-1,miner-2;miner-3", "NETWORK_SEED", "7");
		runner
			.withInitializer(context -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("env", environment)))
			.run(context -> {
				NetworkConditions conditions = context.getBean(NetworkControl.class).current();
				assertThat(conditions.delay()).isEqualTo(Duration.ofSeconds(1));
				assertThat(conditions.jitterDistribution()).isEqualTo(JitterDistribution.NORMAL);
				assertThat(conditions.partitions()).isEqualTo(TWO_GROUPS);
				assertThat(context.getBean(NetworkProperties.class).seed()).contains(7L);
			});
	}

	@Test
	void bindsPartitionsGivenAsAListOfGroups() {
		runner.withPropertyValues("network.partitions[0]=miner-1,miner-2", "network.partitions[1]=miner-3")
			.run(context -> assertThat(context.getBean(NetworkControl.class).current().partitions())
				.isEqualTo(TWO_GROUPS));
	}

	@Test
	void failsStartUpOnAnOutOfRangeSettingSayingWhichAndWhy() {
		runner.withPropertyValues("network.loss=1.5")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("loss must be between 0 and 1, got 1.5"));
		runner.withPropertyValues("network.delay=-5ms")
			.run(context -> assertThat(context.getStartupFailure())
				.hasMessageContaining("Invalid network.* settings: delay must not be negative, got PT-0.005S"));
	}

	@Test
	void drawsTheSameSequenceForTheSameSeed() {
		NetworkProperties seeded = new NetworkProperties(Duration.ZERO, Duration.ZERO, JitterDistribution.UNIFORM, 0,
				List.of(), Optional.of(42L));

		assertThat(seeded.random().longs(5).toArray()).isEqualTo(seeded.random().longs(5).toArray());
	}

}
