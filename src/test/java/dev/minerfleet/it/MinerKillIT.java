package dev.minerfleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import dev.minerfleet.Minerfleet;
import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.node.ChainProperties;
import dev.minerfleet.storage.BlockLog;
import dev.minerfleet.testsupport.TestBroker;
import tools.jackson.databind.JsonNode;

/**
 * A real miner process killed with SIGKILL while it mines, then started again on its data directory: it comes back
 * with at least the chain its REST API showed before the kill, and its log, read after it stopped, holds the chain its
 * REST API showed.
 */
class MinerKillIT {

	@RegisterExtension
	static final TestBroker broker = new TestBroker();

	@TempDir
	Path dir;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aMinerKilledWhileMiningComesBackWithItsChainAndItsLogAgreesWithItsRestApi() throws Exception {
		String prefix = broker.uniqueTopicPrefix();
		Path dataDir = dir.resolve("data");
		int port = freePort();

		Process first = start(prefix, dataDir, port, true, dir.resolve("first.log"));
		JsonNode seen;
		try {
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(100))
				.failFast("the miner died, see " + dir.resolve("first.log"), () -> !first.isAlive())
				.until(() -> height(port) >= 20);
			seen = chain(port, 0, 0);
		}
		finally {
			first.destroyForcibly();
		}
		assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
		int heightSeen = seen.get("height").asInt();

		Process second = start(prefix, dataDir, port, false, dir.resolve("second.log"));
		JsonNode restored;
		try {
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(100))
				.failFast("the miner died, see " + dir.resolve("second.log"), () -> !second.isAlive())
				.until(() -> height(port) >= 0);
			restored = chain(port, 0, 0);
			assertThat(restored.get("height").asInt()).isGreaterThanOrEqualTo(heightSeen);
			JsonNode sameHeight = chain(port, heightSeen, 1).get("blocks").get(0);
			assertThat(sameHeight.get("hash").asString()).isEqualTo(seen.get("tip").asString());
		}
		finally {
			second.destroy();
			assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(Files.readString(dir.resolve("second.log"))).contains("Loaded " + restored.get("height").asInt()
				+ " blocks from " + dataDir);

		// the log, read by the test after the miner stopped, is the chain the REST API showed
		try (BlockLog blockLog = BlockLog.open(dataDir, parameters(), false)) {
			Blockchain replica = new Blockchain(parameters(), InstantSource.system());
			for (Block block : blockLog.recovery().blocks()) {
				assertThat(replica.add(block)).isInstanceOf(AddResult.Extended.class);
			}
			assertThat(replica.snapshot().height()).isEqualTo(restored.get("height").asInt());
			assertThat(replica.snapshot().tip().hash().hex()).isEqualTo(restored.get("tip").asString());
		}
	}

	private Process start(String prefix, Path dataDir, int port, boolean mining, Path output) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"--add-opens", "java.base/sun.security.provider=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"), Minerfleet.class.getName(),
				"miner", "--miner.id=phoenix", "--server.port=" + port, "--mqtt.url=" + broker.url(),
				"--mqtt.topic-prefix=" + prefix, "--chain.difficulty-bits=16", "--chain.retarget-interval=0",
				"--generator.interval=100ms", "--storage.data-dir=" + dataDir, "--mining.enabled=" + mining));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
	}

	private static ChainProperties chainProperties() {
		return new ChainProperties(16, 0, Duration.ofSeconds(5), Duration.ofHours(2), 5000,
				DataSize.ofMegabytes(2), 1000, 100_000,
				DataSize.ofMegabytes(64), false);
	}

	private static ChainParameters parameters() {
		return chainProperties().toParameters();
	}

	/** The height the miner's REST API shows, -1 while it does not answer. */
	private int height(int port) {
		try {
			return chain(port, 0, 0).get("height").asInt();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private JsonNode chain(int port, int from, int limit) throws IOException {
		try {
			HttpResponse<String> response = http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/chain?from=" + from + "&limit=" + limit))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IOException("HTTP " + response.statusCode());
			}
			return BlockJson.JSON.readTree(response.body());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
