package dev.minerfleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.node.MinerControl;
import dev.minerfleet.node.NodeStatistics;
import dev.minerfleet.testsupport.TestBroker;

/** A miner that starts late fetches the chain it missed from the miners it hears, then follows them. */
class CatchUpSyncIT {

	private static final Logger log = LoggerFactory.getLogger(CatchUpSyncIT.class);

	@RegisterExtension
	static final TestBroker broker = new TestBroker();

	/**
	 * Easy enough that one miner finds 200 blocks in a few seconds, hard enough that it does not find thousands more
	 * while the late miner starts (at 10 bits it finds about 700 a second).
	 */
	private static final String[] CHAIN = { "--chain.difficulty-bits=16", "--chain.retarget-interval=0" };

	@Test
	void aMinerThatStartsLateCatchesUpWithTheChainItMissedAndFollowsIt() {
		String prefix = broker.uniqueTopicPrefix();
		try (Miner early = Miner.start("early", broker.url(), prefix, CHAIN)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> early.chain().snapshot().height() >= 200);

			long start = System.nanoTime();
			// the late miner only follows: its own blocks would race the early miner's at this difficulty; it asks
			// for 100 blocks at a time, so that it takes several rounds
			try (Miner late = Miner.start("late", broker.url(), prefix, CHAIN[0], CHAIN[1], "--mining.enabled=false",
					"--sync.batch-size=100")) {
				long started = System.nanoTime();
				int heightAtStart = early.chain().snapshot().height();

				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(50))
					.untilAsserted(() -> assertFollows(late.chain().snapshot(), early.chain().snapshot()));

				long caughtUp = System.nanoTime();
				log.info("Late miner caught up with {} blocks (#{} when it started, #{} now) in {} ms, {} ms after its"
						+ " start-up", late.chain().snapshot().height(), heightAtStart,
						early.chain().snapshot().height(), (caughtUp - start) / 1_000_000,
						(caughtUp - started) / 1_000_000);

				NodeStatistics statistics = late.chain().statistics();
				assertThat(statistics.blocksReceived()).isGreaterThanOrEqualTo(200);
				assertThat(statistics.blocksRejected()).isZero();
				assertThat(statistics.messagesRejected()).isZero();
				assertThat(statistics.blocksMined()).isZero();
				assertReplaysIntoAFreshChain(late.chain().snapshot(), late.chain().chain());
			}
		}
	}

	@Test
	void aMinerThatStartsWhenNoBlockIsBeingMinedCatchesUpFromTheTipsItIsAnswered() {
		String prefix = broker.uniqueTopicPrefix();
		try (Miner early = Miner.start("early", broker.url(), prefix, CHAIN)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> early.chain().snapshot().height() >= 50);
			// no block will come to make the late miner ask: only its tip announcement can
			MinerControl control = early.bean(MinerControl.class);
			control.pauseMining();
			long[] hashes = { -1 };
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
				long now = control.hashes();
				boolean stopped = now == hashes[0];
				hashes[0] = now;
				return stopped;
			});
			try (Miner late = Miner.start("late", broker.url(), prefix, CHAIN[0], CHAIN[1],
					"--mining.enabled=false")) {
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(late.chain().snapshot().tip().hash())
						.isEqualTo(early.chain().snapshot().tip().hash()));
				assertThat(late.chain().snapshot().height()).isGreaterThanOrEqualTo(50);
				assertThat(late.chain().statistics().blocksRejected()).isZero();
			}
		}
	}

	/** The follower is within two blocks of the leader, and its tip is the leader's block at that height. */
	private static void assertFollows(ChainSnapshot follower, ChainSnapshot leader) {
		assertThat(follower.height()).isGreaterThanOrEqualTo(leader.height() - 2);
		assertThat(leader.at(follower.height()).map(StoredBlock::hash)).contains(follower.tip().hash());
	}

	/** Every block of the chain validates again, in order, in a chain that knows nothing but the parameters. */
	private static void assertReplaysIntoAFreshChain(ChainSnapshot view, Blockchain chain) {
		Blockchain replica = new Blockchain(chain.parameters(), InstantSource.system());
		List<StoredBlock> blocks = view.range(1, view.height());
		for (StoredBlock block : blocks) {
			assertThat(replica.add(block.block())).as("block #%d", block.height())
				.isInstanceOf(AddResult.Extended.class);
		}
		assertThat(replica.snapshot().tip().hash()).isEqualTo(view.tip().hash());
	}

}
