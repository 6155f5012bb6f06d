package dev.minerfleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.minerfleet.testsupport.TestBroker;
import tools.jackson.databind.JsonNode;

/** The documented REST and actuator surfaces of a live miner on a real broker. */
class RestAndMetricsIT {

	@RegisterExtension
	static final TestBroker broker = new TestBroker();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static Miner miner;

	@BeforeAll
	static void startMiner() {
		miner = Miner.start("rest-1", broker.url(), broker.uniqueTopicPrefix(), "--chain.difficulty-bits=14");
		await().atMost(Duration.ofSeconds(60)).until(() -> miner.chain().snapshot().height() >= 3);
	}

	@AfterAll
	static void stopMiner() {
		miner.close();
	}

	@Test
	void statusReportsTheDocumentedFields() throws Exception {
		JsonNode status = json(get("/status"), 200);
		assertThat(status.get("minerId").asString()).isEqualTo("rest-1");
		for (String field : new String[] { "height", "tip", "difficulty", "hashrate", "mempoolSize", "blocksMined",
				"blocksReceived", "blocksRejected", "reorgs" }) {
			assertThat(status.has(field)).as(field).isTrue();
		}
		assertThat(status.get("height").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(status.get("blocksMined").asLong()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void chainPagesBlocksOldestFirstWithEveryHeaderField() throws Exception {
		JsonNode chain = json(get("/chain?from=1&limit=2"), 200);
		assertThat(chain.get("height").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(chain.get("tip").asString()).hasSize(64);
		JsonNode blocks = chain.get("blocks");
		assertThat(blocks).hasSize(2);
		assertThat(blocks.get(0).get("height").asInt()).isEqualTo(1);
		assertThat(blocks.get(1).get("previousHash").asString()).isEqualTo(blocks.get(0).get("hash").asString());
		for (String field : new String[] { "hash", "previousHash", "version", "merkleRoot", "timestamp", "bits",
				"nonce", "miner", "transactions" }) {
			assertThat(blocks.get(0).has(field)).as(field).isTrue();
		}
		JsonNode coinbase = blocks.get(0).get("transactions").get(0);
		assertThat(coinbase.get("id").asString()).hasSize(64);
		assertThat(coinbase.get("origin").asString()).isEqualTo("rest-1");

		String hash = blocks.get(1).get("hash").asString();
		assertThat(json(get("/blocks/" + hash), 200).get("height").asInt()).isEqualTo(2);
	}

	@Test
	void submittedTransactionIsPendingOrConfirmedAndBadInputIsAProblem() throws Exception {
		HttpResponse<String> created = post("/transactions",
				"{\"sender\":\"alice\",\"receiver\":\"bob\",\"amount\":42,\"payload\":\"coffee\"}");
		JsonNode tx = json(created, 201);
		String id = tx.get("id").asString();
		assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(id));
		assertThat(json(get("/transactions/" + id), 200).get("status").asString()).isIn("pending", "confirmed");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> json(get("/transactions/" + id), 200).get("status").asString().equals("confirmed"));

		HttpResponse<String> bad = post("/transactions", "{\"sender\":\"alice\",\"amount\":-1}");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(json(get("/transactions/" + "0".repeat(64)), 404).get("detail").asString()).isNotBlank();
		assertThat(get("/blocks/nothex").statusCode()).isEqualTo(400);
	}

	@Test
	void mempoolListsPendingTransactions() throws Exception {
		// a transaction submitted with mining paused stays pending and is listed
		post("/mining/pause", "");
		try {
			JsonNode tx = json(post("/transactions",
					"{\"sender\":\"carol\",\"receiver\":\"dave\",\"amount\":7,\"payload\":\"listed\"}"), 201);
			JsonNode mempool = json(get("/mempool?limit=1000"), 200);
			assertThat(mempool.get("size").asInt()).isPositive().isEqualTo(mempool.get("transactions").size());
			assertThat(mempool.get("transactions").findValuesAsString("id")).contains(tx.get("id").asString());
		}
		finally {
			post("/mining/resume", "");
		}
	}

	@Test
	void healthIncludesTheBrokerConnectionAndOnlyThreeEndpointsAreExposed() throws Exception {
		JsonNode health = json(get("/actuator/health"), 200);
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").get("mqtt").get("status").asString()).isEqualTo("UP");
		assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(200);
		for (String hidden : new String[] { "env", "beans", "heapdump", "threaddump", "configprops", "loggers",
				"mappings", "shutdown" }) {
			assertThat(get("/actuator/" + hidden).statusCode()).as("/actuator/%s", hidden).isEqualTo(404);
		}
		assertThat(json(get("/actuator"), 200).get("_links").propertyNames()).as("endpoints listed under /actuator")
			.containsExactlyInAnyOrder("self", "health", "health-path", "info", "prometheus");
	}

	@Test
	void prometheusExportsEveryDocumentedSeriesTaggedWithTheMiner() throws Exception {
		HttpResponse<String> scrape = get("/actuator/prometheus");
		assertThat(scrape.statusCode()).isEqualTo(200);
		String text = scrape.body();
		for (String name : new String[] { "blockchain_height", "blockchain_mempool_size", "blockchain_hashes_total",
				"blockchain_hashrate", "blockchain_blocks_mined_total", "blockchain_blocks_received_total",
				"blockchain_reorgs_total", "blockchain_reorg_depth", "blockchain_transactions_generated_total",
				"blockchain_transactions_received_total", "blockchain_block_propagation_delay_seconds",
				"blockchain_transaction_confirmation_latency_seconds" }) {
			assertThat(text).as(name).containsPattern("(?m)^" + name + "[_a-z]*\\{[^}]*miner=\"rest-1\"");
		}
		assertThat(text).containsPattern("(?m)^blockchain_blocks_mined_total\\{[^}]*\\} [1-9]");
		assertThat(text).as("Spring Integration's per-message timers are off").doesNotContain("spring_integration_");
	}

	private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(miner.baseUrl() + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(miner.baseUrl() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode json(HttpResponse<String> response, int expectedStatus) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
		return BlockJson.JSON.readTree(response.body());
	}

}
