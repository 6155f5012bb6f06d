package dev.minerfleet.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FleetOptionsTests {

	@Test
	void defaultsToThreeMinersFromPort8081OnAnEmbeddedBrokerAt1883() {
		FleetOptions options = FleetOptions.parse(List.of(), Map.of());
		assertThat(options.miners()).isEqualTo(3);
		assertThat(options.firstPort()).isEqualTo(8081);
		assertThat(options.brokerPort()).isEqualTo(1883);
		assertThat(options.externalBroker()).isEmpty();
		assertThat(options.minerArguments()).isEmpty();
	}

	@Test
	void passesEveryOtherSettingToEachMiner() {
		FleetOptions options = FleetOptions.parse(
				List.of("--miners=5", "--chain.difficulty-bits=22", "--generator.interval=500ms"), Map.of());
		assertThat(options.miners()).isEqualTo(5);
		assertThat(options.minerArguments()).containsExactly("--chain.difficulty-bits=22",
				"--generator.interval=500ms");
		assertThat(options.setsMiningEnabled()).isFalse();
	}

	@Test
	void passesNetworkConditionsToEachMinerUntouched() {
		List<String> network = List.of("--network.delay=200ms", "--network.jitter=50ms",
				"--network.jitter-distribution=exponential", "--network.loss=0.05",
				"--network.partitions=miner-1,miner-2;miner-3", "--network.seed=42");

		assertThat(FleetOptions.parse(network, Map.of()).minerArguments()).isEqualTo(network);
	}

	@Test
	void givesASettingPrefixedWithAMinersIdToThatMinerAloneInPlaceOfTheSettingForAll() {
		FleetOptions options = FleetOptions.parse(List.of("--miners=3", "--mining.max-hash-rate=100000",
				"--miner-1.mining.max-hash-rate=400000", "--miner-3.network.delay=200ms"), Map.of());

		assertThat(options.argumentsFor("miner-1")).containsExactly("--mining.max-hash-rate=400000");
		assertThat(options.argumentsFor("miner-2")).containsExactly("--mining.max-hash-rate=100000");
		assertThat(options.argumentsFor("miner-3")).containsExactly("--mining.max-hash-rate=100000",
				"--network.delay=200ms");
		assertThat(options.setsMiningEnabled()).isFalse();
		assertThat(FleetOptions.parse(List.of("--miner-2.mining.enabled=false"), Map.of()).setsMiningEnabled())
			.isTrue();
	}

	@Test
	void refusesASettingForAMinerTheFleetDoesNotHaveOrThatTheFleetSetsItself() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FleetOptions.parse(List.of("--miners=2", "--miner-3.network.delay=1s"), Map.of()))
			.withMessage("'--miner-3.network.delay=1s' names miner-3, but the fleet has 2 miners");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FleetOptions.parse(List.of("--miner-1.server.port=9000"), Map.of()))
			.withMessage("--miner-1.server.port is set per miner by the fleet");
	}

	@Test
	void takesAnExternalBrokerFromTheCommandLineOrTheEnvironment() {
		assertThat(FleetOptions.parse(List.of("--mqtt.url=tcp://broker:1883"), Map.of()).externalBroker())
			.contains("tcp://broker:1883");
		assertThat(FleetOptions.parse(List.of(), Map.of("MQTT_URL", "tcp://env:1883")).externalBroker())
			.contains("tcp://env:1883");
	}

	@Test
	void givesEachMinerItsOwnDataDirectoryUnderTheFleetsOne() {
		FleetOptions options = FleetOptions.parse(List.of("--data-dir=/var/fleet", "--miners=2"), Map.of());

		assertThat(options.dataDirOf("miner-2")).contains(java.nio.file.Path.of("/var/fleet/miner-2"));
		assertThat(options.minerArguments()).isEmpty();
		assertThat(FleetOptions.parse(List.of(), Map.of()).dataDirOf("miner-1")).isEmpty();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FleetOptions.parse(List.of("--storage.data-dir=/var/fleet"), Map.of()))
			.withMessageContaining("--data-dir=DIR");
	}

	@Test
	void explainsWhatItDoesNotUnderstand() {
		assertThatIllegalArgumentException().isThrownBy(() -> FleetOptions.parse(List.of("--miners=many"), Map.of()))
			.withMessageContaining("--miners must be a whole number");
		assertThatIllegalArgumentException().isThrownBy(() -> FleetOptions.parse(List.of("miners"), Map.of()))
			.withMessageContaining("not understood");
		assertThatIllegalArgumentException().isThrownBy(() -> FleetOptions.parse(List.of("--miners=0"), Map.of()))
			.withMessageContaining("between 1 and 200");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FleetOptions.parse(List.of("--broker-port=70000"), Map.of()))
			.withMessageContaining("TCP port");
		assertThatIllegalArgumentException().isThrownBy(() -> FleetOptions.parse(List.of("--miner.id=x"), Map.of()))
			.withMessageContaining("set per miner");
	}

	@Test
	void checkBuildsConsecutiveUrlsOrTakesExplicitOnes() {
		assertThat(FleetCheck.urls(List.of("--miners=2", "--first-port=9000")))
			.extracting(Object::toString)
			.containsExactly("http://localhost:9000", "http://localhost:9001");
		assertThat(FleetCheck.urls(List.of("--urls=http://a:1/,http://b:2")))
			.extracting(Object::toString)
			.containsExactly("http://a:1", "http://b:2");
		assertThatIllegalArgumentException().isThrownBy(() -> FleetCheck.urls(List.of("--port=1")))
			.withMessageContaining("unknown option");
	}

}
