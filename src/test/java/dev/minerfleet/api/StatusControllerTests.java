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
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

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
			.andExpect(jsonPath("$.hashrate").value(4_900_000.0));
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
