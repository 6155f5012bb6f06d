package dev.minerfleet.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.minerfleet.testsupport.RawMqttClient;
import dev.minerfleet.testsupport.SecuredMosquitto;

/**
 * The mosquitto.conf docker-compose mounts, run by the local Mosquitto (the same 2.0 series as the image) on a free
 * loopback port, with a password file made the way the mosquitto service makes it: it parses, refuses anonymous
 * clients and lets the user in.
 */
class MosquittoConfIT {

	private static final Path SHIPPED = Path.of("docker/mosquitto/mosquitto.conf");

	@TempDir
	Path directory;

	@Test
	void shippedConfigurationRefusesAnonymousClientsAndAcceptsThePasswordFilesUser() throws IOException {
		assumeTrue(SecuredMosquitto.missingTools().isEmpty(), SecuredMosquitto.missingTools().orElse(""));
		List<String> shipped = Files.readAllLines(SHIPPED);
		Path passwordFile = directory.resolve("passwd");
		SecuredMosquitto.createPasswordFile(passwordFile, "minerfleet", "s3cret-pass");

		try (SecuredMosquitto broker = SecuredMosquitto.startWith(directory,
				(port) -> local(shipped, port, passwordFile))) {
			assertThatIllegalStateException().isThrownBy(() -> RawMqttClient.connect(broker.url()).close())
				.withMessageContaining("Could not connect");
			assertThatIllegalStateException()
				.isThrownBy(() -> RawMqttClient.connect(broker.url(), "minerfleet", "wrong").close());
			try (RawMqttClient miner = RawMqttClient.connect(broker.url(), "minerfleet", "s3cret-pass")) {
				miner.subscribe("blockchain/NEWBLOCK");
				miner.publish("blockchain/NEWBLOCK", "block", 1);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> miner.receivedStrings("blockchain/NEWBLOCK").contains("block"));
			}
		}
	}

	/**
	 * The shipped file with only what differs outside the container: the loopback port, the password file's path,
	 * and the user to run as (root would switch to "mosquitto", which cannot read the test's directory).
	 */
	private static String local(List<String> shipped, int port, Path passwordFile) {
		StringBuilder configuration = new StringBuilder();
		for (String line : shipped) {
			if (line.startsWith("listener ")) {
				assertThat(line).isEqualTo("listener 1883");
				configuration.append("listener ").append(port).append(" 127.0.0.1");
			}
			else if (line.startsWith("password_file ")) {
				configuration.append("password_file ").append(passwordFile);
			}
			else {
				configuration.append(line);
			}
			configuration.append('\n');
		}
		return configuration.append("user ").append(System.getProperty("user.name")).append('\n').toString();
	}

}
