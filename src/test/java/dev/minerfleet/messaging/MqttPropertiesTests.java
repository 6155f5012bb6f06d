package dev.minerfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

class MqttPropertiesTests {

	/** Spring maps MQTT_TLS_TRUST_STORE to a nested setting only in a source of the environment's own name. */
	private static final String SYSTEM_ENVIRONMENT = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

	private static MqttProperties bind(List<PropertySource<?>> sources) {
		return new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate("mqtt", MqttProperties.class);
	}

	@Test
	void defaultsToWhatApplicationYamlSays() throws IOException {
		List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yaml",
				new ClassPathResource("application.yaml"));

		MqttProperties fromYaml = bind(yaml);
		MqttProperties defaults = bind(List.of());

		assertThat(defaults).isEqualTo(fromYaml);
		assertThat(defaults).isEqualTo(new MqttProperties("tcp://localhost:1883", null, null, "blockchain", 1,
				DataSize.ofMegabytes(4), Duration.ofSeconds(5), Duration.ofSeconds(5), 1000));
	}

	@Test
	void takesEverySettingFromEnvironmentVariables() {
		Map<String, Object> environment = Map.of("MQTT_URL", "ssl://broker:8883", "MQTT_USERNAME", "miner",
				"MQTT_PASSWORD", "s3cret", "MQTT_TOPIC_PREFIX", "fleet-a", "MQTT_QOS", "0", "MQTT_TRANSACTION_QOS", "2",
				"MQTT_MAX_MESSAGE_SIZE", "8MB", "MQTT_CONNECTION_TIMEOUT", "10s", "MQTT_MAX_RECONNECT_DELAY", "30s",
				"MQTT_MAX_INFLIGHT", "50");

		MqttProperties mqtt = bind(List.of(new SystemEnvironmentPropertySource("env", environment)));

		assertThat(mqtt).isEqualTo(new MqttProperties("ssl://broker:8883", "miner", "s3cret", "fleet-a", 0, 2,
				DataSize.ofMegabytes(8), Duration.ofSeconds(10), Duration.ofSeconds(30), 50,
				MqttProperties.Tls.DEFAULT));
	}

	@Test
	void takesTheTlsSettingsFromEnvironmentVariablesAndVerifiesHostNamesByDefault() {
		Map<String, Object> environment = Map.of("MQTT_URL", "ssl://broker:8883", "MQTT_TLS_TRUST_STORE",
				"/etc/minerfleet/ca.crt", "MQTT_TLS_TRUST_STORE_PASSWORD", "tru5t", "MQTT_TLS_KEY_STORE",
				"/etc/minerfleet/client.p12", "MQTT_TLS_KEY_STORE_PASSWORD", "k3y");

		MqttProperties mqtt = bind(List.of(new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT, environment)));

		assertThat(mqtt.tls()).isEqualTo(new MqttProperties.Tls(Path.of("/etc/minerfleet/ca.crt"), "tru5t",
				Path.of("/etc/minerfleet/client.p12"), "k3y", true));
		assertThat(bind(List.of()).tls()).isEqualTo(MqttProperties.Tls.DEFAULT);
		assertThat(bind(List.of(new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT,
				Map.of("MQTT_TLS_VERIFY_HOSTNAME", "false")))).tls().verifyHostname()).isFalse();
		assertThat(mqtt.toString()).doesNotContain("tru5t").doesNotContain("k3y")
			.contains("trustStorePassword=******", "trustStore=/etc/minerfleet/ca.crt");
	}

	@Test
	void namesTheTwoTopicsUnderThePrefix() {
		MqttProperties mqtt = TestMqtt.properties("tcp://localhost:1883", "fleet-a");

		assertThat(mqtt.transactionTopic()).isEqualTo("fleet-a/NEWTRX");
		assertThat(mqtt.blockTopic()).isEqualTo("fleet-a/NEWBLOCK");
	}

	@Test
	void neverPrintsThePassword() {
		MqttProperties mqtt = new MqttProperties("tcp://b:1883", "miner", "s3cret", "blockchain", 1,
				DataSize.ofMegabytes(4), Duration.ofSeconds(5), Duration.ofSeconds(5), 1000);

		assertThat(mqtt.toString()).doesNotContain("s3cret").contains("password=******", "username=miner", "tcp://b:1883");
		assertThat(TestMqtt.properties().toString()).contains("password=null");
	}

	@Test
	void rejectsUrlsQosesAndPrefixesPahoCannotUse() {
		Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
		MqttProperties bad = new MqttProperties("localhost:1883", null, null, "fleet/#", 3, -1, DataSize.ofMegabytes(4),
				Duration.ofSeconds(5), Duration.ofSeconds(5), 0, MqttProperties.Tls.DEFAULT);

		Set<ConstraintViolation<MqttProperties>> violations = validator.validate(bad);

		assertThat(violations).extracting(violation -> violation.getPropertyPath().toString())
			.containsExactlyInAnyOrder("url", "topicPrefix", "qos", "transactionQos", "maxInflight");
		assertThat(validator.validate(TestMqtt.properties())).isEmpty();
		assertThat(validator.validate(TestMqtt.properties("ssl://broker.example:8883", "a/b"))).isEmpty();
		assertThat(validator.validate(TestMqtt.properties("tcp://broker/path", "a"))).hasSize(1);
	}

}
