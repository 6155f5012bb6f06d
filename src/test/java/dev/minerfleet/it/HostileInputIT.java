package dev.minerfleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.MerkleRoot;
import dev.minerfleet.chain.Target;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.chain.validation.Violation.Reason;
import dev.minerfleet.mining.MiningCoordinator;
import dev.minerfleet.testsupport.RawMqttClient;
import dev.minerfleet.testsupport.TestBroker;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A raw MQTT client attacks one real miner on a real broker through every topic it listens to: malformed JSON, wrong
 * types, missing fields and a message of 1 MB (the limit set to 64 KB) on NEWTRX, NEWBLOCK and its SYNC topic; blocks
 * with bad proof of work, a bad merkle root, the wrong target and a timestamp a day ahead; 3,000 orphans with valid
 * proof of work and random parents (pool capped at 100); 200 sync requests for 2^31-1 blocks; 20,000 transactions
 * (mempool capped at 2,000; mining paused from the transaction flood until every transaction is counted, so that no
 * block drains the mempool before it overflows, however fast this machine mines). The miner counts every rejection
 * under its reason (read from /actuator/prometheus), never holds an invalid block on /chain, keeps its orphan pool and
 * mempool within their caps the whole time, answers sync within its rate limit and batch size, takes a valid
 * transaction after the flood, and keeps mining with health UP.
 */
class HostileInputIT {

	private static final Logger log = LoggerFactory.getLogger(HostileInputIT.class);

	private static final int ORPHAN_POOL_SIZE = 100;

	private static final int MEMPOOL_SIZE = 2_000;

	private static final int ORPHANS = 3_000;

	private static final int TRANSACTIONS = 20_000;

	private static final int SYNC_REQUESTS = 200;

	private static final int BATCH_SIZE = 20;

	private static final int REPLIES_PER_SECOND_PER_PEER = 5;

	@RegisterExtension
	static final TestBroker broker = new TestBroker();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void survivesEveryKindOfHostileInputCountingEachRejectionWithinItsMemoryCaps() throws Exception {
		String prefix = broker.uniqueTopicPrefix();
		try (Miner miner = Miner.start("hostile", broker.url(), prefix, "--chain.difficulty-bits=16",
				"--mqtt.max-message-size=64KB", "--chain.orphan-pool-size=" + ORPHAN_POOL_SIZE,
				"--chain.mempool-max-transactions=" + MEMPOOL_SIZE, "--chain.max-block-transactions=50",
				"--sync.batch-size=" + BATCH_SIZE,
				"--sync.max-replies-per-second-per-peer=" + REPLIES_PER_SECOND_PER_PEER);
				RawMqttClient attacker = RawMqttClient.connect(broker.url())) {
			miner.awaitListening(attacker, prefix);
			attacker.subscribe(prefix + "/SYNC/#");
			MeterRegistry registry = miner.bean(MeterRegistry.class);
			Peaks peaks = Peaks.sample(registry);
			long heapBefore = usedHeap();
			double addedBefore = counter(registry, "blockchain.transactions.received", "result", "added");
			ChainParameters parameters = miner.chain().parameters();
			TestChain builder = new TestChain(parameters);
			Block genesis = builder.genesis();
			long now = System.currentTimeMillis();
			Block valid = builder.block(genesis, "evil", now, parameters.initialTarget(), List.of(builder.transaction()));
			String transactionTopic = prefix + "/NEWTRX";
			String blockTopic = prefix + "/NEWBLOCK";
			String syncTopic = prefix + "/SYNC/hostile";

			// garbage on every topic: 4 messages each
			ObjectNode transactionMessage = BlockJson.message(builder.transaction(), "evil");
			ObjectNode blockMessage = BlockJson.message(valid, "evil");
			ObjectNode syncRequest = getBlocks("evil-sync", "r0", genesis.hash());
			Map<String, ObjectNode> valids = new LinkedHashMap<>();
			valids.put(transactionTopic, transactionMessage);
			valids.put(blockTopic, blockMessage);
			valids.put(syncTopic, syncRequest);
			for (Map.Entry<String, ObjectNode> topic : valids.entrySet()) {
				attacker.publish(topic.getKey(), "{\"protocol\":1,\"type\":", 1);
				attacker.publish(topic.getKey(), BlockJson.bytes(wrongType(topic.getValue())), 1);
				attacker.publish(topic.getKey(), BlockJson.bytes(missingField(topic.getValue())), 1);
				ObjectNode huge = topic.getValue().deepCopy();
				huge.put("padding", "x".repeat(1 << 20));
				attacker.publish(topic.getKey(), BlockJson.bytes(huge), 1);
			}

			// one invalid block per rule, all on the genesis block, which the miner always knows
			Map<Reason, Block> invalid = new LinkedHashMap<>();
			invalid.put(Reason.PROOF_OF_WORK, TestChain.withFailingNonce(valid));
			invalid.put(Reason.MERKLE_ROOT,
					TestChain.mine(valid.withHeader(valid.header().withMerkleRoot(Hash.fromHex("ab".repeat(32))))));
			invalid.put(Reason.WRONG_TARGET, builder.block(genesis, "evil", now, Target.ofLeadingZeroBits(12), List.of()));
			invalid.put(Reason.TIMESTAMP_TOO_FAR_IN_FUTURE, builder.block(genesis, "evil",
					now + Duration.ofDays(1).toMillis(), parameters.initialTarget(), List.of()));
			for (Block block : invalid.values()) {
				attacker.publish(blockTopic, BlockJson.bytes(BlockJson.message(block, "evil")), 1);
			}

			// 3,000 orphans with valid proof of work at the easiest target a block may claim, from 50 senders
			SplittableRandom random = new SplittableRandom(0x0_4f_a2L);
			Set<Hash> attackBlocks = new HashSet<>();
			invalid.values().forEach(block -> attackBlocks.add(block.hash()));
			long floodStart = System.nanoTime();
			for (int i = 0; i < ORPHANS; i++) {
				Block orphan = orphan(parameters, random, now, i);
				attackBlocks.add(orphan.hash());
				attacker.publish(blockTopic, BlockJson.bytes(BlockJson.message(orphan, "evil-" + (i % 50))), 1);
			}

			// sync requests for every block there is, far faster than the miner answers one peer
			for (int i = 0; i < SYNC_REQUESTS; i++) {
				attacker.publish(syncTopic, BlockJson.bytes(getBlocks("evil-sync", "r" + i, genesis.hash())), 1);
			}

			// 20,000 distinct valid transactions, and 100 whose id does not match their content, while no block is mined
			MiningCoordinator mining = miner.bean(MiningCoordinator.class);
			mining.pause();
			for (int i = 0; i < TRANSACTIONS; i++) {
				Transaction tx = Transaction.create("mallory", "victim", i, "flood", now, "evil");
				attacker.publish(transactionTopic, BlockJson.bytes(BlockJson.message(tx, "evil")), 1);
			}
			for (int i = 0; i < 100; i++) {
				Transaction forged = Transaction.create("mallory", "victim", i, "forged", now, "evil")
					.withId(Hash.fromHex(String.format("%064x", i + 1)));
				attacker.publish(transactionTopic, BlockJson.bytes(BlockJson.message(forged, "evil")), 1);
			}
			double floodSeconds = (System.nanoTime() - floodStart) / 1e9;

			// everything counted, under its reason
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				Map<String, Double> scrape = prometheus(miner);
				for (Reason reason : invalid.keySet()) {
					assertThat(scrape).as(reason.name())
						.containsEntry(series("blockchain_blocks_received_total", "reason", reason.name(), "result",
								"rejected"), 1.0);
				}
				assertThat(scrape)
					.containsEntry(series("blockchain_blocks_received_total", "reason", "MALFORMED_MESSAGE", "result",
							"rejected"), 4.0)
					.containsEntry(series("blockchain_messages_rejected_total", "kind", "transaction"), 4.0)
					.containsEntry(series("blockchain_messages_rejected_total", "kind", "block"), 4.0)
					.containsEntry(series("blockchain_messages_rejected_total", "kind", "sync"), 4.0)
					.containsEntry(series("blockchain_blocks_received_total", "reason", "none", "result", "orphan"),
							(double) ORPHANS)
					.containsEntry(series("blockchain_transactions_received_total", "result", "invalid_id"), 100.0);
				assertThat(counter(registry, "blockchain.transactions.received", "result", "added") - addedBefore)
					.isEqualTo(TRANSACTIONS);
			});
			mining.resume();
			long heapAfter = usedHeap();

			// the caps held all along
			peaks.stop();
			assertThat(peaks.orphans.get()).as("orphan pool peak").isEqualTo(ORPHAN_POOL_SIZE);
			assertThat(peaks.mempool.get()).as("mempool peak").isPositive().isLessThanOrEqualTo(MEMPOOL_SIZE);
			// the caps were reached: what did not fit was dropped, oldest first
			long orphansEvicted = miner.chain().chain().orphansEvicted();
			long transactionsEvicted = miner.chain().mempool().evicted();
			assertThat(orphansEvicted).isEqualTo(ORPHANS - ORPHAN_POOL_SIZE);
			assertThat(transactionsEvicted).isPositive();
			Map<String, Double> scrape = prometheus(miner);
			assertThat(scrape.get(series("blockchain_orphans"))).isLessThanOrEqualTo(ORPHAN_POOL_SIZE);
			assertThat(scrape.get(series("blockchain_mempool_size"))).isLessThanOrEqualTo(MEMPOOL_SIZE);

			// sync answered within its rate limit and batch size, and asked no more than its own limit allows
			List<RawMqttClient.Message> replies = attacker.messages(prefix + "/SYNC/evil-sync");
			double syncSeconds = (System.nanoTime() - floodStart) / 1e9;
			assertThat(replies).isNotEmpty()
				.hasSizeLessThanOrEqualTo((int) (REPLIES_PER_SECOND_PER_PEER * (Math.ceil(syncSeconds) + 1)));
			for (RawMqttClient.Message reply : replies) {
				assertThat(reply.payload().length).isLessThanOrEqualTo(64 * 1024);
				assertThat(BlockJson.JSON.readTree(reply.payload()).get("blocks").size()).isLessThanOrEqualTo(BATCH_SIZE);
			}
			long requestsSent = attacker.messages()
				.stream()
				.filter(message -> message.topic().startsWith(prefix + "/SYNC/evil-"))
				.filter(message -> message.payloadAsString().contains("\"getblocks\""))
				.count();
			assertThat(requestsSent).as("sync requests the miner sent")
				.isLessThanOrEqualTo((long) (10 * (Math.ceil(syncSeconds) + 1)));

			// a valid transaction after the flood is still taken
			Transaction late = Transaction.create("alice", "bob", 7, "after the flood", now, "evil");
			attacker.publish(transactionTopic, BlockJson.bytes(BlockJson.message(late, "evil")), 1);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> json(miner, "/transactions/" + late.id().hex(), 200).get("status").asString(),
						status -> status.equals("pending") || status.equals("confirmed"));

			// still mining, still healthy
			int heightAfterAttack = miner.chain().snapshot().height();
			await().atMost(Duration.ofSeconds(30)).until(() -> miner.chain().snapshot().height() >= heightAfterAttack + 3);
			assertThat(json(miner, "/actuator/health", 200).get("status").asString()).isEqualTo("UP");

			// no invalid block on the chain, checked block by block from the REST API
			int checked = checkChain(miner, parameters, attackBlocks);
			log.info("Hostile input: flood of {} orphans, {} sync requests, {} transactions published in {} s; "
					+ "orphan pool peak {} (cap {}, {} evicted), mempool peak {} (cap {}, {} evicted); {} sync replies, "
					+ "{} sync requests sent; "
					+ "{} blocks on /chain checked; used heap {} MB before, {} MB after", ORPHANS, SYNC_REQUESTS,
					TRANSACTIONS, String.format("%.1f", floodSeconds), peaks.orphans.get(), ORPHAN_POOL_SIZE,
					orphansEvicted, peaks.mempool.get(), MEMPOOL_SIZE, transactionsEvicted, replies.size(), requestsSent, checked, heapBefore >> 20,
					heapAfter >> 20);
		}
	}

	/** A block on a random unknown parent, proof of work at the easiest target the chain lets any block claim. */
	private static Block orphan(ChainParameters parameters, SplittableRandom random, long now, int i) {
		byte[] parent = new byte[Hash.LENGTH];
		random.nextBytes(parent);
		List<Transaction> transactions = List
			.of(Transaction.coinbase("evil-" + (i % 50), 1 + random.nextInt(1000), i, now, parameters.blockReward()));
		BlockHeader header = new BlockHeader(parameters.version(), Hash.of(parent), MerkleRoot.of(transactions), now,
				parameters.easiestTarget().compact(), 0);
		return TestChain.mine(new Block(header, transactions));
	}

	private static ObjectNode getBlocks(String sender, String requestId, Hash locator) {
		ObjectNode message = BlockJson.JSON.createObjectNode();
		message.put("protocol", 1);
		message.put("type", "getblocks");
		message.put("sender", sender);
		message.put("requestId", requestId);
		message.putArray("locator").add(locator.hex());
		message.put("max", Integer.MAX_VALUE);
		return message;
	}

	/** The message with its protocol version as a string. */
	private static ObjectNode wrongType(ObjectNode message) {
		ObjectNode copy = message.deepCopy();
		copy.put("protocol", "1");
		return copy;
	}

	/** The message without the member that carries its content (a sync request without its max). */
	private static ObjectNode missingField(ObjectNode message) {
		ObjectNode copy = message.deepCopy();
		for (String name : List.of("transaction", "block", "max")) {
			copy.remove(name);
		}
		return copy;
	}

	/** Every block of the active chain as /chain shows it: linked, with its true hash meeting the chain's target. */
	private int checkChain(Miner miner, ChainParameters parameters, Set<Hash> attackBlocks) throws Exception {
		int height = json(miner, "/chain?from=0&limit=1", 200).get("height").asInt();
		String previous = null;
		int checked = 0;
		for (int from = 0; from <= height; from += 1000) {
			for (JsonNode view : json(miner, "/chain?from=" + from + "&limit=1000", 200).get("blocks")) {
				Block block = BlockJson.read(BlockJson.bytes(wrapped(view)));
				Hash hash = Hash.fromHex(view.get("hash").asString());
				assertThat(block.hash()).isEqualTo(hash);
				assertThat(attackBlocks).doesNotContain(hash);
				if (previous != null) {
					assertThat(block.previousHash().hex()).isEqualTo(previous);
					assertThat(block.header().bits()).isEqualTo(parameters.initialTarget().compact());
					assertThat(parameters.initialTarget().isMetBy(hash)).as("proof of work of %s", hash).isTrue();
					assertThat(block.header().merkleRoot()).isEqualTo(MerkleRoot.of(block.transactions()));
					assertThat(block.transactions()).allMatch(Transaction::hasValidId);
					assertThat(block.header().timestamp()).isLessThanOrEqualTo(System.currentTimeMillis());
				}
				previous = hash.hex();
				checked++;
			}
		}
		// it keeps mining meanwhile: the last page may hold blocks found after the first
		assertThat(checked).isGreaterThanOrEqualTo(height + 1);
		return checked;
	}

	/** A /chain block view in the envelope {@link BlockJson#read} takes. */
	private static ObjectNode wrapped(JsonNode view) {
		ObjectNode message = BlockJson.JSON.createObjectNode();
		message.set("block", view);
		return message;
	}

	// ---- HTTP and metrics

	private JsonNode json(Miner miner, String path, int status) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(miner.baseUrl() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(status);
		return BlockJson.JSON.readTree(response.body());
	}

	private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(?:\\{(.*)\\})? (\\S+)$");

	private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");

	/** The scrape, keyed by metric name and its labels other than {@code miner}, sorted: see {@link #series}. */
	private Map<String, Double> prometheus(Miner miner) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(miner.baseUrl() + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Double> samples = new LinkedHashMap<>();
		for (String line : response.body().split("\n")) {
			Matcher sample = SAMPLE.matcher(line);
			if (line.startsWith("#") || !sample.matches()) {
				continue;
			}
			List<String> labels = new ArrayList<>();
			Matcher label = LABEL.matcher((sample.group(2) != null) ? sample.group(2) : "");
			while (label.find()) {
				if (!label.group(1).equals("miner")) {
					labels.add(label.group(1));
					labels.add(label.group(2));
				}
			}
			samples.put(series(sample.group(1), labels.toArray(String[]::new)), Double.parseDouble(sample.group(3)));
		}
		return samples;
	}

	/** A series' key: its name, then its label names and values in the order given (the scrape's order, by name). */
	private static String series(String name, String... labels) {
		return name + List.of(labels);
	}

	private static double counter(MeterRegistry registry, String name, String tag, String value) {
		return registry.get(name).tag(tag, value).counter().count();
	}

	private static long usedHeap() {
		System.gc();
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

	/** The highest orphan pool and mempool sizes the miner's gauges showed, sampled every 5 ms. */
	private static final class Peaks {

		final AtomicLong orphans = new AtomicLong();

		final AtomicLong mempool = new AtomicLong();

		private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

		static Peaks sample(MeterRegistry registry) {
			Peaks peaks = new Peaks();
			peaks.sampler.scheduleAtFixedRate(() -> {
				peaks.orphans.accumulateAndGet((long) registry.get("blockchain.orphans").gauge().value(), Math::max);
				peaks.mempool.accumulateAndGet((long) registry.get("blockchain.mempool.size").gauge().value(),
						Math::max);
			}, 0, 5, TimeUnit.MILLISECONDS);
			return peaks;
		}

		void stop() throws InterruptedException {
			sampler.shutdown();
			assertThat(sampler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
		}

	}

}
