package dev.minerfleet.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.ChainListener;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.Target;
import dev.minerfleet.chain.TestChain;

class MiningCoordinatorTests {

	private MiningCoordinator coordinator;

	@AfterEach
	void stop() {
		if (coordinator != null) {
			coordinator.stop();
		}
	}

	@Test
	void minesBlocksThatTheChainAcceptsOnEveryThread() {
		ChainPort port = new ChainPort(TestChain.PARAMETERS.withInitialTarget(Target.ofLeadingZeroBits(10)));
		coordinator = new MiningCoordinator(port, TestChain.CLOCK, new MiningProperties(true, 2, 0));
		coordinator.start();

		await().atMost(Duration.ofSeconds(30)).until(() -> port.chain.snapshot().height() >= 20);

		assertThat(port.results).allSatisfy(result -> assertThat(result).isNotInstanceOf(AddResult.Rejected.class));
		assertThat(coordinator.hashes()).isPositive();
	}

	@Test
	void abandonsTheSearchWhenTheTipChangesAndRestartsOnTheNewTip() {
		// templates with a target no thread will meet: only a tip change can end the search
		ChainPort port = new ChainPort(TestChain.PARAMETERS, Target.ofLeadingZeroBits(60));
		coordinator = new MiningCoordinator(port, TestChain.CLOCK, new MiningProperties(true, 1, 0));
		coordinator.start();
		await().until(() -> port.templates.size() == 1);

		// another miner's block arrives
		TestChain builder = new TestChain(port.chain.parameters());
		Block foreign = builder.block(builder.genesis(), "other");
		assertThat(port.chain.add(foreign)).isInstanceOf(AddResult.Extended.class);

		await().atMost(Duration.ofSeconds(5)).until(() -> port.templates.size() == 2);
		assertThat(port.templates.get(1).previousHash()).isEqualTo(foreign.hash());
		assertThat(port.templates.get(1).height()).isEqualTo(2);
	}

	@Test
	void aMinerParkedByItsCapRestartsOnTheNewTipWithoutWaitingForItsNextSlot() {
		// 10 hashes a second: after its first batch the thread parks for the next one, 409.6 s away, and wakes before
		// it only when unparked (a park lasts at most a minute, longer than this test waits)
		ChainPort port = new ChainPort(TestChain.PARAMETERS, Target.ofLeadingZeroBits(60));
		coordinator = new MiningCoordinator(port, TestChain.CLOCK, new MiningProperties(true, 1, 10));
		coordinator.start();
		await().until(() -> coordinator.hashes() == NonceSearch.BATCH);

		TestChain builder = new TestChain(port.chain.parameters());
		Block foreign = builder.block(builder.genesis(), "other");
		assertThat(port.chain.add(foreign)).isInstanceOf(AddResult.Extended.class);

		await().atMost(Duration.ofSeconds(30)).until(() -> port.templates.size() == 2);
		assertThat(port.templates.get(1).previousHash()).isEqualTo(foreign.hash());
	}

	@Test
	void pausedMiningComputesNoHashesUntilResumed() {
		ChainPort port = new ChainPort(TestChain.PARAMETERS, Target.ofLeadingZeroBits(60));
		coordinator = new MiningCoordinator(port, TestChain.CLOCK, new MiningProperties(false, 1, 0));
		coordinator.start();
		assertThat(coordinator.isPaused()).isTrue();
		assertThat(port.templates).isEmpty();
		assertThat(coordinator.hashes()).isZero();

		coordinator.resume();
		await().until(() -> coordinator.hashes() > 0);
		coordinator.pause();
		// once the search has noticed the pause, the count stays put for good
		java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong(-1);
		await().atMost(Duration.ofSeconds(10)).until(() -> coordinator.hashes() == last.getAndSet(coordinator.hashes()));
		long paused = coordinator.hashes();
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> coordinator.hashes() == paused);
		assertThat(port.templates).hasSize(1);
		int templates = port.templates.size();
		coordinator.resume();
		await().until(() -> port.templates.size() > templates && coordinator.hashes() > paused);
	}

	@Test
	void aCappedMinerHashesNoFasterThanItsCapOverAllItsThreads() {
		ChainPort port = new ChainPort(TestChain.PARAMETERS, Target.ofLeadingZeroBits(60));
		long cap = 200_000;
		coordinator = new MiningCoordinator(port, TestChain.CLOCK, new MiningProperties(true, 2, cap));
		assertThat(coordinator.maxHashRate()).isEqualTo(cap);
		long started = System.nanoTime();
		coordinator.start();

		await().atMost(Duration.ofSeconds(10)).until(() -> coordinator.hashes() >= cap / 2);
		long hashes = coordinator.hashes();
		double elapsed = (System.nanoTime() - started) / 1e9;

		// every thread may have started one batch at the last instant
		assertThat(hashes).as("hashes in %.3f s", elapsed)
			.isLessThanOrEqualTo((long) (cap * elapsed) + 2L * NonceSearch.BATCH);
	}

	/** The mining port over a real chain, as the node provides it, recording what mining asked. */
	static final class ChainPort implements MiningPort {

		final Blockchain chain;

		final List<BlockTemplate> templates = new CopyOnWriteArrayList<>();

		final List<AddResult> results = new CopyOnWriteArrayList<>();

		/** Templates carry this target instead of the chain's, when set. */
		final Target templateTarget;

		ChainPort(ChainParameters parameters) {
			this(parameters, null);
		}

		ChainPort(ChainParameters parameters, Target templateTarget) {
			this.chain = new Blockchain(parameters, TestChain.CLOCK);
			this.templateTarget = templateTarget;
		}

		@Override
		public BlockTemplate template() {
			ChainSnapshot view = chain.snapshot();
			BlockTemplate template = BlockTemplate.of(chain.parameters(), view.tip().hash(), view.height() + 1L,
					(templateTarget != null) ? templateTarget : view.nextTarget(), view.medianTimePast(), List.of(),
					"miner-test");
			templates.add(template);
			return template;
		}

		@Override
		public boolean submit(Block block) {
			AddResult result = chain.add(block);
			results.add(result);
			return !(result instanceof AddResult.Rejected);
		}

		@Override
		public void onTipChange(Runnable listener) {
			chain.addListener(new ChainListener() {
				@Override
				public void tipChanged(TipChanged event) {
					listener.run();
				}
			});
		}

	}

}
