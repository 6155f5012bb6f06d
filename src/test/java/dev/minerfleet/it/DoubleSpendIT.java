package dev.minerfleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.node.MinerControl;
import dev.minerfleet.node.TransactionStatus;
import dev.minerfleet.testsupport.RawMqttClient;
import dev.minerfleet.testsupport.TestBroker;
import tools.jackson.databind.JsonNode;

/**
 * Two spends of one coin on miners with {@code chain.double-spend-rule} on: one miner given both, and two miners
 * given one each at the same moment. Whatever the race, one spend ends up confirmed on every miner's active chain and
 * the other in no mempool; and the README's demo: the fleet cut in two halves, one spend each, then healed.
 */
class DoubleSpendIT {

	@RegisterExtension
	static final TestBroker broker = new TestBroker();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final String[] IDLE_WITH_RULE = { "--chain.double-spend-rule=true", "--mining.enabled=false",
			"--generator.enabled=false" };

	@Test
	void aMinerGivenBothSpendsConfirmsTheFirstDropsTheSecondAndRefusesAThird() throws Exception {
		String prefix = broker.uniqueTopicPrefix();
		try (Miner miner = Miner.start("ds-solo", broker.url(), prefix, IDLE_WITH_RULE)) {
			assertThat(json(get(miner, "/chain/parameters"), 200).get("doubleSpendRule").asBoolean()).isTrue();
			String first = json(post(miner, spend("alice", "bob")), 201).get("id").asString();
			String second = json(post(miner, spend("alice", "carol")), 201).get("id").asString();
			assertThat(json(get(miner, "/mempool"), 200).get("size").asInt()).isEqualTo(2);

			miner.bean(MinerControl.class).resumeMining();

			await().atMost(Duration.ofSeconds(60))
				.until(() -> "confirmed".equals(json(get(miner, "/transactions/" + first), 200).get("status")
					.asString()));
			JsonNode dropped = json(get(miner, "/transactions/" + second), 200);
			assertThat(dropped.get("status").asString()).isEqualTo("dropped");
			assertThat(dropped.get("coin").asString()).isEqualTo("X");
			assertThat(dropped.get("spentBy").asString()).isEqualTo(first);

			HttpResponse<String> third = post(miner, spend("alice", "dave"));
			assertThat(third.headers().firstValue("Content-Type")).contains("application/problem+json");
			assertThat(json(third, 409).get("spentBy").asString()).isEqualTo(first);

			assertThat(get(miner, "/actuator/prometheus").body())
				.contains("blockchain_transactions_double_spends_dropped_total{miner=\"ds-solo\"} 1.0");
			assertThat(json(get(miner, "/status"), 200).get("doubleSpendsDropped").asLong()).isEqualTo(1);
		}
	}

	@Test
	void twoMinersEachGivenOneSpendAgreeOnOneAndDropTheOther() throws Exception {
		String prefix = broker.uniqueTopicPrefix();
		String[] settings = { IDLE_WITH_RULE[0], IDLE_WITH_RULE[1], IDLE_WITH_RULE[2], "--chain.difficulty-bits=16" };
		try (Miner left = Miner.start("ds-left", broker.url(), prefix, settings);
				Miner right = Miner.start("ds-right", broker.url(), prefix, settings);
				RawMqttClient probe = RawMqttClient.connect(broker.url())) {
			List<Miner> fleet = List.of(left, right);
			fleet.forEach(miner -> miner.awaitListening(probe, prefix));

			// each half hears its own spend first: both are new to both miners, so both are created
			String a = json(post(left, spend("alice", "bob")), 201).get("id").asString();
			String b = json(post(right, spend("alice", "carol")), 201).get("id").asString();
			fleet.forEach(miner -> miner.bean(MinerControl.class).resumeMining());

			await().atMost(Duration.ofSeconds(120)).until(() -> settled(fleet, a, b));
			Hash winner = left.chain().spendOf("X").orElseThrow().id();
			Hash loser = Hash.fromHex(winner.hex().equals(a) ? b : a);
			for (Miner miner : fleet) {
				assertThat(miner.chain().spendOf("X")).map(Transaction::id).contains(winner);
				assertThat(miner.chain().transactionStatus(loser))
					.isNotInstanceOfAny(TransactionStatus.Pending.class, TransactionStatus.Confirmed.class);
				assertThat(miner.chain().mempool().spendsOf("X")).isEmpty();
			}
		}
	}

	/**
	 * The demo of the README: the fleet cut in two, a spend of X given to each half, each half confirms its own; once
	 * healed, the half with less work reorganises onto the other's branch and exactly one spend survives everywhere.
	 */
	@Test
	void partitionedHalvesEachConfirmTheirOwnSpendAndOnceHealedExactlyOneSurvivesOnEveryMiner() throws Exception {
		String prefix = broker.uniqueTopicPrefix();
		String[] settings = { IDLE_WITH_RULE[0], IDLE_WITH_RULE[1], IDLE_WITH_RULE[2], "--chain.difficulty-bits=16",
				"--chain.retarget-interval=0", "--mining.max-hash-rate=150000" };
		try (Miner a = Miner.start("ds-a", broker.url(), prefix, settings);
				Miner b = Miner.start("ds-b", broker.url(), prefix, settings);
				Miner c = Miner.start("ds-c", broker.url(), prefix, settings);
				Miner d = Miner.start("ds-d", broker.url(), prefix, settings);
				RawMqttClient probe = RawMqttClient.connect(broker.url())) {
			List<Miner> fleet = List.of(a, b, c, d);
			fleet.forEach(miner -> miner.awaitListening(probe, prefix));
			fleet.forEach(miner -> miner.bean(MinerControl.class).resumeMining());
			await().atMost(Duration.ofSeconds(60))
				.until(() -> fleet.stream().allMatch(miner -> miner.chain().snapshot().height() >= 3));

			for (Miner miner : fleet) {
				json(put(miner, "{\"partitions\":[[\"ds-a\",\"ds-b\"],[\"ds-c\",\"ds-d\"]]}"), 200);
			}
			String left = json(post(a, spend("alice", "bob")), 201).get("id").asString();
			String right = json(post(c, spend("alice", "carol")), 201).get("id").asString();
			// each half confirms its own spend, two blocks deep, and never hears of the other's
			await().atMost(Duration.ofSeconds(60))
				.until(() -> confirmedDeep(a, left) && confirmedDeep(b, left) && confirmedDeep(c, right)
						&& confirmedDeep(d, right));
			for (Miner miner : List.of(a, b)) {
				assertThat(miner.chain().transactionStatus(Hash.fromHex(right)))
					.isInstanceOf(TransactionStatus.Unknown.class);
			}
			long[] reorgsBefore = fleet.stream().mapToLong(miner -> miner.chain().statistics().reorganizations()).toArray();

			for (Miner miner : fleet) {
				json(put(miner, "{}"), 200);
			}
			await().atMost(Duration.ofSeconds(120)).until(() -> settled(fleet, left, right));

			Hash winner = a.chain().spendOf("X").orElseThrow().id();
			Hash loser = Hash.fromHex(winner.hex().equals(left) ? right : left);
			List<Miner> losingHalf = winner.hex().equals(left) ? List.of(c, d) : List.of(a, b);
			for (Miner miner : fleet) {
				assertThat(miner.chain().spendOf("X")).map(Transaction::id).contains(winner);
				assertThat(miner.chain().transactionStatus(loser)).as("the losing spend on %s", miner.id())
					.isNotInstanceOfAny(TransactionStatus.Pending.class, TransactionStatus.Confirmed.class);
				assertThat(miner.chain().mempool().spendsOf("X")).isEmpty();
			}
			for (Miner miner : losingHalf) {
				int index = fleet.indexOf(miner);
				assertThat(miner.chain().statistics().reorganizations()).as("reorganisations of %s", miner.id())
					.isGreaterThan(reorgsBefore[index]);
				assertThat(get(miner, "/actuator/prometheus").body())
					.containsPattern("blockchain_reorgs_total\\{miner=\"" + miner.id() + "\"\\} [1-9]");
				assertThat(json(get(miner, "/transactions/" + loser.hex()), 200).get("status").asString())
					.isEqualTo("dropped");
			}
		}
	}

	private static boolean confirmedDeep(Miner miner, String id) {
		return miner.chain().transactionStatus(Hash.fromHex(id)) instanceof TransactionStatus.Confirmed confirmed
				&& confirmed.confirmations() >= 2;
	}

	/** One spend of X is three blocks deep on both miners, the same one, and neither mempool holds a spend of X. */
	private static boolean settled(List<Miner> fleet, String a, String b) {
		Optional<Transaction> reference = fleet.get(0).chain().spendOf("X");
		if (reference.isEmpty()) {
			return false;
		}
		for (Miner miner : fleet) {
			Optional<Transaction> spend = miner.chain().spendOf("X");
			if (!spend.equals(reference) || !miner.chain().mempool().spendsOf("X").isEmpty()) {
				return false;
			}
			TransactionStatus status = miner.chain().transactionStatus(spend.get().id());
			if (!(status instanceof TransactionStatus.Confirmed confirmed) || confirmed.confirmations() < 3) {
				return false;
			}
		}
		return List.of(a, b).contains(reference.get().id().hex());
	}

	private static String spend(String sender, String receiver) {
		return "{\"sender\":\"" + sender + "\",\"receiver\":\"" + receiver + "\",\"amount\":10,\"coin\":\"X\"}";
	}

	private static HttpResponse<String> get(Miner miner, String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(miner.baseUrl() + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> post(Miner miner, String body) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(miner.baseUrl() + "/transactions"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> put(Miner miner, String network) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(miner.baseUrl() + "/admin/network"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(network))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode json(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return BlockJson.JSON.readTree(response.body());
	}

}
