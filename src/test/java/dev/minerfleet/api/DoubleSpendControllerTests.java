package dev.minerfleet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.node.Ledger;
import dev.minerfleet.node.MinerProperties;

/**
 * POST and GET /transactions on a chain with the double-spend rule on, whose block #1 spends coin
 * {@code spent} and whose mempool held a rival spend of it, now dropped.
 */
@WebMvcTest(TransactionController.class)
@Import(DoubleSpendControllerTests.Beans.class)
class DoubleSpendControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixture fixture;

	@Test
	@DirtiesContext
	void writesTheCoinFieldIntoThePayloadMarkerAndShowsTheCoin() throws Exception {
		Transaction expected = Transaction.create("carol", "dave", 5, "coin:fresh rent", TestChain.CLOCK.millis(),
				"miner-1");
		postTransaction("{\"sender\":\"carol\",\"receiver\":\"dave\",\"amount\":5,\"payload\":\"rent\",\"coin\":\"fresh\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.id").value(expected.id().hex()))
			.andExpect(jsonPath("$.payload").value("coin:fresh rent"));
		mvc.perform(get("/transactions/{id}", expected.id().hex()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("pending"))
			.andExpect(jsonPath("$.coin").value("fresh"));
	}

	@Test
	@DirtiesContext
	void keepsASecondSpendOfAnUnspentCoinPending() throws Exception {
		postTransaction("{\"sender\":\"a\",\"receiver\":\"b\",\"amount\":1,\"coin\":\"twice\"}")
			.andExpect(status().isCreated());
		postTransaction("{\"sender\":\"a\",\"receiver\":\"c\",\"amount\":1,\"coin\":\"twice\"}")
			.andExpect(status().isCreated());
		assertThat(fixture.service.mempool().spendsOf("twice")).hasSize(2);
	}

	@Test
	void answers409ForASpendOfACoinTheActiveChainSpent() throws Exception {
		postTransaction("{\"sender\":\"mallory\",\"receiver\":\"eve\",\"amount\":9,\"coin\":\"spent\"}")
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(409))
			.andExpect(jsonPath("$.detail").value("coin spent is already spent on the active chain of miner-1"
					+ " by transaction " + fixture.winner.id().hex()))
			.andExpect(jsonPath("$.coin").value("spent"))
			.andExpect(jsonPath("$.spentBy").value(fixture.winner.id().hex()));
		postTransaction("{\"sender\":\"mallory\",\"receiver\":\"eve\",\"amount\":9,\"payload\":\"coin:spent again\"}")
			.andExpect(status().isConflict());
		assertThat(fixture.broadcasts).isEmpty();
		assertThat(fixture.service.mempool().size()).isZero();
	}

	@Test
	void showsTheCoinOfAConfirmedSpend() throws Exception {
		mvc.perform(get("/transactions/{id}", fixture.winner.id().hex()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("confirmed"))
			.andExpect(jsonPath("$.coin").value("spent"))
			.andExpect(jsonPath("$.height").value(1));
	}

	@Test
	void showsADroppedSpendWithTheSpendThatWon() throws Exception {
		mvc.perform(get("/transactions/{id}", fixture.loser.id().hex()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("dropped"))
			.andExpect(jsonPath("$.coin").value("spent"))
			.andExpect(jsonPath("$.spentBy").value(fixture.winner.id().hex()))
			.andExpect(jsonPath("$.transaction.payload").value(fixture.loser.payload()));
	}

	@Test
	void rejectsAMalformedCoinAndACoinGivenTwice() throws Exception {
		postTransaction("{\"sender\":\"a\",\"receiver\":\"b\",\"amount\":1,\"coin\":\"two words\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("coin must be 1 to 64 of A-Z a-z 0-9 . _ -"));
		postTransaction("{\"sender\":\"a\",\"receiver\":\"b\",\"amount\":1,\"coin\":\"x\",\"payload\":\"coin:y\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail")
				.value("give the coin either as coin or as the payload's coin: marker, not both"));
	}

	private ResultActions postTransaction(String json) throws Exception {
		return mvc.perform(post("/transactions").contentType(MediaType.APPLICATION_JSON).content(json));
	}

	/** A rule-on chain: #1 confirms {@code winner}; {@code loser}, pending before, was dropped. */
	static final class Fixture {

		final TestChain blocks = new TestChain(TestChain.PARAMETERS.withDoubleSpendRule(true));

		final Transaction winner = blocks.spend("spent");

		final Transaction loser = blocks.spend("spent");

		final List<Object> broadcasts = new CopyOnWriteArrayList<>();

		final ChainService service;

		Fixture() {
			Ledger ledger = new Ledger(blocks.newBlockchain(), new Mempool(1000, 1_000_000));
			service = new ChainService(ledger, new MinerProperties("miner-1"),
					(block, sendWhole) -> broadcasts.add(block), broadcasts::add, List.of(), TestChain.CLOCK);
			service.receiveTransaction(loser, "miner-2");
			Block b1 = blocks.block(blocks.genesis(), "miner-2", winner);
			service.receiveBlock(b1, "miner-2");
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Beans {

		@Bean
		Fixture doubleSpendFixture() {
			return new Fixture();
		}

		@Bean
		ChainService chainService(Fixture fixture) {
			return fixture.service;
		}

		@Bean
		InstantSource clock() {
			return TestChain.CLOCK;
		}

	}

}
