package dev.minerfleet.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.sun.net.httpserver.HttpServer;

import dev.minerfleet.fleet.FleetCheck.FleetReport;
import dev.minerfleet.fleet.FleetCheck.TipHeights;
import dev.minerfleet.fleet.LocalFleet.RunningMiner;
import dev.minerfleet.messaging.MqttProperties;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.node.MinerControl;
import dev.minerfleet.testsupport.TestBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The local fleet as users start it, checked by the fleet check as users run it. */
class LocalFleetIT {

	@RegisterExtension
	static final TestBroker broker = new TestBroker();

	private final HttpClient http = HttpClient.newHttpClient();

	private final ByteArrayOutputStream console = new ByteArrayOutputStream();

	private final PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);

	@Test
	void embeddedBrokerFleetMinesOneValidChainAndMovesOffATakenBrokerPort() throws Exception {
		try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			int taken = squatter.getLocalPort();
			FleetOptions options = FleetOptions.parse(List.of("--miners=3", "--first-port=" + freePortBlock(),
					"--broker-port=" + taken, "--chain.difficulty-bits=18", "--chain.retarget-interval=0",
					"--generator.interval=200ms", "--miner-2.mqtt.transaction-qos=0"), Map.of());
			try (LocalFleet fleet = LocalFleet.start(options, out)) {
				assertThat(fleet.isBrokerEmbedded()).isTrue();
				assertThat(fleet.brokerUrl()).doesNotEndWith(":" + taken);
				assertThat(console()).contains("Port " + taken + " on 127.0.0.1 is already in use");
				assertThat(fleet.miners()).extracting(RunningMiner::id).containsExactly("miner-1", "miner-2", "miner-3");
				assertThat(fleet.miners()).extracting(RunningMiner::port).doesNotHaveDuplicates();
				assertThat(fleet.miners()).as("Moquette drops QoS 0 for a lagging client; miner-2 was told otherwise")
					.extracting(miner -> miner.context().getBean(MqttProperties.class).transactionQos())
					.containsExactly(1, 0, 1);

				List<URI> urls = fleet.miners().stream().map(miner -> URI.create(miner.url())).toList();
				FleetCheck check = new FleetCheck(http);
				await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
					FleetReport report = check.check(urls);
					assertThat(report.allValid()).isTrue();
					assertThat(report.agreedHeight()).isGreaterThanOrEqualTo(8);
				});
				int floor = fleet.miners().stream()
					.mapToInt(miner -> miner.context().getBean(ChainService.class).snapshot().height())
					.min()
					.orElseThrow();
				TipHeights tips = check.tipHeights(urls);
				assertThat(tips.heights()).as("every miner answers the one-moment pass").hasSize(3);
				assertThat(tips.lowest()).as("heights only grow").isGreaterThanOrEqualTo(floor);

				fleet.printTable(out);
				assertThat(console()).contains("miner-3", "embedded Moquette", "Ctrl-C");

				// a chain whose JSON was tampered with fails the check, with the reason
				String page = get(urls.get(0) + "/chain?from=0&limit=1000");
				String tampered = page.replaceFirst("\"nonce\":(\\d+)", "\"nonce\":7");
				HttpServer forger = serve(Map.of("/chain", tampered, "/chain/parameters",
						get(urls.get(0) + "/chain/parameters"), "/status", get(urls.get(0) + "/status")));
				try {
					URI forged = URI.create("http://127.0.0.1:" + forger.getAddress().getPort());
					FleetReport report = check.check(List.of(urls.get(0), forged));
					assertThat(report.allValid()).isFalse();
					assertThat(report.miners().get(1).invalid()).hasValueSatisfying(
							reason -> assertThat(reason).contains("header hashes to"));
					report.print(out);
					assertThat(console()).contains("INVALID");
				}
				finally {
					forger.stop(0);
				}
			}
		}
	}

	@Test
	void fleetUsesAnExternalBrokerWhenGivenOne() throws Exception {
		FleetOptions options = FleetOptions.parse(List.of("--miners=2", "--first-port=" + freePortBlock(),
				"--mqtt.url=" + broker.url(), "--mqtt.topic-prefix=" + broker.uniqueTopicPrefix(),
				"--chain.difficulty-bits=18", "--chain.retarget-interval=0"), Map.of());
		try (LocalFleet fleet = LocalFleet.start(options, out)) {
			assertThat(fleet.isBrokerEmbedded()).isFalse();
			assertThat(fleet.brokerUrl()).isEqualTo(broker.url());
			assertThat(fleet.miners()).allSatisfy(miner -> assertThat(
					miner.context().getBean(MqttProperties.class).transactionQos()).isEqualTo(0));
			List<URI> urls = fleet.miners().stream().map(miner -> URI.create(miner.url())).toList();
			await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
				FleetReport report = new FleetCheck(http).check(urls);
				assertThat(report.allValid()).isTrue();
				assertThat(report.agreedHeight()).isGreaterThanOrEqualTo(5);
			});
		}
	}

	/**
	 * One large miner and two small ones, by their caps 4:1:1: the large one's share of the chain follows its share of
	 * the hash power, 2/3. Over 90 blocks that share has a standard deviation of 0.05: the bounds lie more than four
	 * deviations away.
	 */
	@Test
	void aMinerCappedAtFourTimesTheOthersRateFindsAboutTwoThirdsOfTheBlocks() throws Exception {
		FleetOptions options = FleetOptions.parse(List.of("--miners=3", "--first-port=" + freePortBlock(),
				"--mqtt.url=" + broker.url(), "--mqtt.topic-prefix=" + broker.uniqueTopicPrefix(),
				"--chain.difficulty-bits=17", "--chain.retarget-interval=0", "--generator.enabled=false",
				"--mining.max-hash-rate=100000", "--miner-1.mining.max-hash-rate=400000"), Map.of());
		try (LocalFleet fleet = LocalFleet.start(options, out)) {
			ChainService first = fleet.miners().get(0).context().getBean(ChainService.class);
			assertThat(fleet.miners().get(0).context().getBean(MinerControl.class).maxHashRate()).isEqualTo(400_000);
			assertThat(fleet.miners().get(1).context().getBean(MinerControl.class).maxHashRate()).isEqualTo(100_000);
			await().atMost(Duration.ofSeconds(120)).until(() -> first.snapshot().height() >= 90);

			String status = get(fleet.miners().get(0).url() + "/status");
			JsonNode byMiner = JsonMapper.builder().build().readTree(status).get("blocksByMiner");
			long large = byMiner.path("miner-1").asLong();
			long total = large + byMiner.path("miner-2").asLong() + byMiner.path("miner-3").asLong();
			assertThat(total).isGreaterThanOrEqualTo(90);
			assertThat((double) large / total).as("miner-1's share of %s", byMiner).isBetween(0.45, 0.88);
		}
	}

	@Test
	void checkReportsAMinerThatDoesNotAnswer() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		URI silent = URI.create("http://127.0.0.1:" + closed);
		assertThat(new FleetCheck(http).tipHeights(List.of(silent)).heights()).isEmpty();
		FleetReport report = new FleetCheck(http).check(List.of(silent));
		assertThat(report.allValid()).isFalse();
		assertThat(report.miners().get(0).unreachable()).isPresent();
		report.print(out);
		assertThat(console()).contains("UNREACHABLE");
	}

	private String console() {
		return console.toString(StandardCharsets.UTF_8);
	}

	private String get(String url) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static HttpServer serve(Map<String, String> pages) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		pages.forEach((path, body) -> server.createContext(path, exchange -> {
			// /chain/parameters must not fall into /chain: HttpServer matches the longest prefix
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		}));
		server.start();
		return server;
	}

	/** The start of three free consecutive ports, so the fleet's miners need not hunt. */
	private static int freePortBlock() {
		for (int attempt = 0; attempt < 50; attempt++) {
			int start = 20_000 + (int) (Math.random() * 30_000);
			if (Ports.isFree("0.0.0.0", start) && Ports.isFree("0.0.0.0", start + 1)
					&& Ports.isFree("0.0.0.0", start + 2)) {
				return start;
			}
		}
		throw new IllegalStateException("no block of free ports");
	}

}
