package dev.minerfleet.network;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The current network conditions, from {@code network.*} at start-up. Messaging builds the {@link DelayLine}. */
@Configuration(proxyBeanMethods = false)
class NetworkConfiguration {

	private static final Logger log = LoggerFactory.getLogger(NetworkConfiguration.class);

	@Bean
	NetworkControl networkControl(NetworkProperties properties) {
		NetworkConditions conditions;
		try {
			conditions = properties.conditions();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid network.* settings: " + ex.getMessage(), ex);
		}
		if (!conditions.isPerfect()) {
			log.info("Network conditions {}", conditions.summary());
		}
		return new NetworkControl(conditions);
	}

}
