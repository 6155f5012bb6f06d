package dev.minerfleet.api;

import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.MethodMode;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.node.MinerControl;

@WebMvcTest(StatusController.class)
@Import(ApiFixture.Beans.class)
class StatusControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiFixture fixture;

	@MockitoBean
	MinerControl mining;

	@BeforeEach
	void miningRunsAtAKnownRate() {
		given(mining.hashRate()).willReturn(4_900_000.0);
		given(mining.hashes()).willReturn(123_456_789L);
		given(mining.miningThreads()).willReturn(2);
		given(mining.powStrategy()).willReturn("MIDSTATE");
		given(mining.isMiningPaused()).willReturn(false);
		given(mining.maxHashRate()).willReturn(200_000L);
	}

	@Test
	void summarisesChainMempoolMiningAndCounters() throws Exception {
		mvc.perform(get("/status"))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.minerId").value("miner-1"))
			.andExpect(jsonPath("$.height").value(3))
			.andExpect(jsonPath("$.tip").value(fixture.b3.hash().hex()))
			.andExpect(jsonPath("$.difficulty").value(4))
			.andExpect(jsonPath("$.difficultyBits").value(TestChain.PARAMETERS.initialTarget().difficultyBits()))
			.andExpect(jsonPath("$.nextTarget").value(TestChain.PARAMETERS.initialTarget().compactHex()))
			.andExpect(jsonPath("$.hashrate").value(4_900_000.0))
			.andExpect(jsonPath("$.hashes").value(123_456_789L))
			.andExpect(jsonPath("$.miningThreads").value(2))
			.andExpect(jsonPath("$.mining").value("running"))
			.andExpect(jsonPath("$.powStrategy").value("MIDSTATE"))
			.andExpect(jsonPath("$.mempoolSize").value(1))
			.andExpect(jsonPath("$.mempoolBytes").value(fixture.pending.size()))
			.andExpect(jsonPath("$.blocksMined").value(0))
			.andExpect(jsonPath("$.blocksReceived").value(4))
			.andExpect(jsonPath("$.blocksAccepted").value(4))
			.andExpect(jsonPath("$.blocksRejected").value(0))
			.andExpect(jsonPath("$.reorgs").value(0))
			.andExpect(jsonPath("$.orphans").value(0))
			.andExpect(jsonPath("$.knownBlocks").value(5))
			.andExpect(jsonPath("$.transactionsCreated").value(0))
			.andExpect(jsonPath("$.transactionsReceived").value(1))
			.andExpect(jsonPath("$.messagesRejected").value(0));
	}

	@Test
	void reportsForksStaleBlocksBlocksByMinerTheHashRateCapAndConfirmationLatency() throws Exception {
		// the fixture's side block is b1's second child: one fork, one stale block, never this miner's
		long latency = TestChain.CLOCK.millis() - fixture.confirmed.createdAt();
		mvc.perform(get("/status"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.maxHashRate").value(200_000))
			.andExpect(jsonPath("$.staleBlocks").value(1))
			.andExpect(jsonPath("$.staleBlocksMined").value(0))
			.andExpect(jsonPath("$.forksSeen").value(1))
			.andExpect(jsonPath("$.reorgDepths").isMap())
			.andExpect(jsonPath("$.reorgDepths").isEmpty())
			.andExpect(jsonPath("$.blocksByMiner.length()").value(1))
			.andExpect(jsonPath("$.blocksByMiner.miner-2").value(3))
			.andExpect(jsonPath("$.confirmationLatency.count").value(1))
			.andExpect(jsonPath("$.confirmationLatency.meanMillis").value((double) latency))
			.andExpect(jsonPath("$.confirmationLatency.p50Millis").value(latency))
			.andExpect(jsonPath("$.confirmationLatency.p99Millis").value(latency))
			.andExpect(jsonPath("$.confirmationLatency.maxMillis").value(latency));
	}

	@Test
	@DirtiesContext(methodMode = MethodMode.AFTER_METHOD)
	void showsReorganisationDepthsKeyedByDepth() throws Exception {
		//   b1 ── side ── s2 ── s3      outweighs b1 ── b2 ── b3: two blocks off the active chain
		Block s2 = fixture.blocks.block(fixture.side, "miner-3");
		Block s3 = fixture.blocks.block(s2, "miner-3");
		fixture.service.receiveBlock(s2, "miner-3");
		fixture.service.receiveBlock(s3, "miner-3");
		mvc.perform(get("/status"))
			.andExpect(jsonPath("$.reorgDepths['2']").value(1))
			.andExpect(jsonPath("$.staleBlocks").value(2))
			.andExpect(jsonPath("$.blocksByMiner.miner-2").value(1))
			.andExpect(jsonPath("$.blocksByMiner.miner-3").value(3));
	}

	@Test
	void showsAPausedMinerAsPaused() throws Exception {
		given(mining.isMiningPaused()).willReturn(true);
		mvc.perform(get("/status")).andExpect(jsonPath("$.mining").value("paused"));
	}

	@Test
	void pausesMiningAndAnswersTheNewState() throws Exception {
		given(mining.isMiningPaused()).willReturn(true);
		mvc.perform(post("/mining/pause"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.mining").value("paused"))
			.andExpect(jsonPath("$.miningThreads").value(2))
			.andExpect(jsonPath("$.powStrategy").value("MIDSTATE"));
		then(mining).should().pauseMining();
	}

	@Test
	void resumesMiningAndAnswersTheNewState() throws Exception {
		mvc.perform(post("/mining/resume"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.mining").value("running"))
			.andExpect(jsonPath("$.hashrate").value(4_900_000.0))
			.andExpect(jsonPath("$.maxHashRate").value(200_000));
		then(mining).should().resumeMining();
	}

	@Test
	void showsTheMiningStateOnGet() throws Exception {
		mvc.perform(get("/mining")).andExpect(status().isOk()).andExpect(jsonPath("$.mining").value("running"));
	}

	@Test
	void refusesToPauseWithGet() throws Exception {
		mvc.perform(get("/mining/pause"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		then(mining).should(org.mockito.Mockito.never()).pauseMining();
	}

}
