package dev.minerfleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.Target;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.chain.validation.Violation.Reason;
import dev.minerfleet.testsupport.RawMqttClient;
import dev.minerfleet.testsupport.TestBroker;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.node.ObjectNode;

/**
 * Blocks built by the test to be invalid in one way each, published by a raw MQTT client: the
 * miner rejects every one, counts it under its reason, and its chain never holds it.
 */
class InvalidBlocksIT {

	@RegisterExtension
	static final TestBroker broker = new TestBroker();

	@Test
	void rejectsAndCountsEveryKindOfInvalidBlockFromTheNetwork() {
		String prefix = broker.uniqueTopicPrefix();
		// mining paused: the tip stays where the test builds on it
		try (Miner miner = Miner.start("target", broker.url(), prefix, "--chain.difficulty-bits=8",
				"--mining.enabled=false", "--generator.enabled=false");
				RawMqttClient attacker = RawMqttClient.connect(broker.url())) {
			miner.awaitListening(attacker, prefix);
			ChainParameters parameters = miner.chain().parameters();
			TestChain builder = new TestChain(parameters);
			Block genesis = builder.genesis();
			long now = System.currentTimeMillis();
			Block valid = builder.block(genesis, "evil", now, parameters.initialTarget(),
					List.of(builder.transaction()));

			Map<Reason, Block> invalid = new LinkedHashMap<>();
			invalid.put(Reason.PROOF_OF_WORK, TestChain.withFailingNonce(valid));
			invalid.put(Reason.MERKLE_ROOT,
					TestChain.mine(valid.withHeader(valid.header().withMerkleRoot(Hash.fromHex("ab".repeat(32))))));
			invalid.put(Reason.WRONG_TARGET,
					builder.block(genesis, "evil", now, Target.ofLeadingZeroBits(2), List.of()));
			invalid.put(Reason.TIMESTAMP_TOO_FAR_IN_FUTURE, builder.block(genesis, "evil",
					now + Duration.ofDays(1).toMillis(), parameters.initialTarget(), List.of()));
			invalid.put(Reason.TRANSACTION_ID, builder.block(genesis, "evil", now, parameters.initialTarget(),
					List.of(builder.transaction().withId(Hash.fromHex("cd".repeat(32))))));
			invalid.put(Reason.BAD_COINBASE, TestChain.mine(Block.assemble(valid.header(),
					List.of(builder.transaction(), valid.transactions().get(0)))));
			invalid.put(Reason.TIMESTAMP_TOO_OLD,
					builder.block(genesis, "evil", genesis.header().timestamp(), parameters.initialTarget(), List.of()));
			Transaction twice = builder.transaction();
			invalid.put(Reason.DUPLICATE_TRANSACTION,
					builder.block(genesis, "evil", now, parameters.initialTarget(), List.of(twice, twice)));

			for (Block block : invalid.values()) {
				attacker.publish(prefix + "/NEWBLOCK", BlockJson.bytes(BlockJson.message(block, "evil")), 1);
			}
			// garbage of other kinds
			attacker.publish(prefix + "/NEWBLOCK", "{not json", 1);
			ObjectNode wrongType = BlockJson.message(valid, "evil");
			((ObjectNode) wrongType.get("block")).put("nonce", "twelve");
			attacker.publish(prefix + "/NEWBLOCK", BlockJson.bytes(wrongType), 1);

			MeterRegistry registry = miner.bean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				for (Reason reason : invalid.keySet()) {
					assertThat(registry.find("blockchain.blocks.received")
						.tags("result", "rejected", "reason", reason.name())
						.counter())
						.as("rejections counted for %s", reason)
						.isNotNull()
						.satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0));
				}
				assertThat(miner.chain().statistics().messagesRejected()).isEqualTo(2);
			});

			ChainSnapshot view = miner.chain().snapshot();
			assertThat(view.height()).isZero();
			for (Block block : invalid.values()) {
				assertThat(miner.chain().findBlock(block.hash())).isEmpty();
			}

			// and the valid block built the same way is accepted: the rejections were for cause
			attacker.publish(prefix + "/NEWBLOCK", BlockJson.bytes(BlockJson.message(valid, "evil")), 1);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> miner.chain().snapshot().tip().hash().equals(valid.hash()));
			assertThat(miner.chain().snapshot().at(1).map(StoredBlock::hash)).contains(valid.hash());
		}
	}

}
