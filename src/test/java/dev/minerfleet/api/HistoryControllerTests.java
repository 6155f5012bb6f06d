package dev.minerfleet.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool;
import dev.minerfleet.node.BlockArrivals;
import dev.minerfleet.node.ChainHistory;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.node.Ledger;
import dev.minerfleet.node.MinerProperties;
import dev.minerfleet.node.ReorgLog;

/**
 * The history endpoints over a real chain service that saw a reorganisation and an orphan:
 *
 * <pre>
 * genesis ── a1[t]                 from miner-2, active first
 *       └── b1 ── b2               from miner-3: more work, a1 taken off, t back in the mempool
 *                    x2            from miner-4, parent x1 never came: an orphan
 * </pre>
 */
@WebMvcTest({ HistoryController.class, ViewController.class })
@Import(HistoryControllerTests.Fixture.class)
class HistoryControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixture fixture;

	@Test
	void answersTheTreeWindowWithItsSideBranchOrphansAndArrivals() throws Exception {
		mvc.perform(get("/tree"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.minerId").value("miner-1"))
			.andExpect(jsonPath("$.height").value(2))
			.andExpect(jsonPath("$.tip").value(fixture.b2.hash().hex()))
			.andExpect(jsonPath("$.bottom").value(0))
			.andExpect(jsonPath("$.blocks[*].height", contains(0, 1, 1, 2)))
			.andExpect(jsonPath("$.blocks[1].hash").value(fixture.a1.hash().hex()))
			.andExpect(jsonPath("$.blocks[1].onActiveChain").value(false))
			.andExpect(jsonPath("$.blocks[1].miner").value("miner-2"))
			.andExpect(jsonPath("$.blocks[3].onActiveChain").value(true))
			.andExpect(jsonPath("$.blocks[3].arrival.from").value("miner-3"))
			.andExpect(jsonPath("$.blocks[3].arrival.via").value("newblock"))
			.andExpect(jsonPath("$.blocks[0].arrival").value(nullValue()))
			.andExpect(jsonPath("$.orphans", hasSize(1)))
			.andExpect(jsonPath("$.orphans[0].hash").value(fixture.x2.hash().hex()))
			.andExpect(jsonPath("$.orphans[0].previousHash").value(fixture.x1.hash().hex()))
			.andExpect(jsonPath("$.orphans[0].arrival.orphan").value(true));
		mvc.perform(get("/tree?depth=1"))
			.andExpect(jsonPath("$.bottom").value(2))
			.andExpect(jsonPath("$.blocks", hasSize(1)));
	}

	@Test
	void refusesAWindowOutOfRange() throws Exception {
		mvc.perform(get("/tree?depth=0"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("depth must be 1 or more")));
		mvc.perform(get("/tree?depth=1001")).andExpect(status().isBadRequest());
	}

	@Test
	void answersEachBlocksArrivalNewestFirstAnd404ForOneNeverRecorded() throws Exception {
		mvc.perform(get("/arrivals"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].block", contains(fixture.x2.hash().hex(), fixture.b2.hash().hex(),
					fixture.b1.hash().hex(), fixture.a1.hash().hex())));
		mvc.perform(get("/arrivals/" + fixture.a1.hash().hex()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.from").value("miner-2"))
			.andExpect(jsonPath("$.receivedAt").value(TestChain.CLOCK.millis()))
			.andExpect(jsonPath("$.orphan").value(false));
		mvc.perform(get("/arrivals/" + fixture.x1.hash().hex())).andExpect(status().isNotFound());
		mvc.perform(get("/arrivals/xyz"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("a block hash must be 64 hex digits, got 'xyz'"));
	}

	@Test
	void answersTheReorganisationWithTheTransactionsItGaveBack() throws Exception {
		mvc.perform(get("/reorgs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].depth").value(1))
			.andExpect(jsonPath("$[0].forkPointHeight").value(0))
			.andExpect(jsonPath("$[0].disconnected", contains(fixture.a1.hash().hex())))
			.andExpect(jsonPath("$[0].connected", contains(fixture.b1.hash().hex(), fixture.b2.hash().hex())))
			.andExpect(jsonPath("$[0].newHeight").value(2))
			.andExpect(jsonPath("$[0].returned", contains(fixture.t.id().hex())));
	}

	@Test
	void tracesATransactionReturnedToTheMempoolByTheReorganisation() throws Exception {
		mvc.perform(get("/transactions/" + fixture.t.id().hex() + "/lifecycle"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("pending"))
			.andExpect(jsonPath("$.minerId").value("miner-1"))
			.andExpect(jsonPath("$.transaction.origin").value(fixture.t.origin()))
			.andExpect(jsonPath("$.blockHash").value(nullValue()))
			.andExpect(jsonPath("$.returnedBy", hasSize(1)))
			.andExpect(jsonPath("$.returnedBy[0].block").value(fixture.a1.hash().hex()))
			.andExpect(jsonPath("$.returnedBy[0].height").value(1))
			.andExpect(jsonPath("$.returnedBy[0].depth").value(1));
	}

	@Test
	void tracesAConfirmedTransactionWithTheArrivalOfItsBlock() throws Exception {
		Transaction coinbase = fixture.b2.transactions().get(0);
		mvc.perform(get("/transactions/" + coinbase.id().hex() + "/lifecycle"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("confirmed"))
			.andExpect(jsonPath("$.blockHash").value(fixture.b2.hash().hex()))
			.andExpect(jsonPath("$.height").value(2))
			.andExpect(jsonPath("$.confirmations").value(1))
			.andExpect(jsonPath("$.confirmingBlock.from").value("miner-3"))
			.andExpect(jsonPath("$.returnedBy", hasSize(0)));
		mvc.perform(get("/transactions/" + Hash.ZERO.hex().replace('0', 'a') + "/lifecycle"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("unknown"))
			.andExpect(jsonPath("$.transaction").value(nullValue()));
	}

	@Test
	void sendsTheBrowserToThePageAndNamesThisMinerAsItsOnlySource() throws Exception {
		mvc.perform(get("/")).andExpect(status().isFound()).andExpect(header().string("Location", "/view/index.html"));
		mvc.perform(get("/view/miners"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.fleet").value(false))
			.andExpect(jsonPath("$.miners[0].id").value("miner-1"))
			.andExpect(jsonPath("$.miners[0].base").value(""));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Fixture {

		final TestChain blocks = new TestChain();

		final Transaction t = blocks.transaction();

		final Block a1 = blocks.block(blocks.genesis(), "miner-2", t);

		final Block b1 = blocks.block(blocks.genesis(), "miner-3");

		final Block b2 = blocks.block(b1, "miner-3");

		final Block x1 = blocks.block(b2, "miner-4");

		final Block x2 = blocks.block(x1, "miner-4");

		final ChainService service;

		final ChainHistory history;

		Fixture() {
			Blockchain chain = blocks.newBlockchain();
			Ledger ledger = new Ledger(chain, new Mempool(1000, 1_000_000));
			BlockArrivals arrivals = new BlockArrivals("miner-1", TestChain.CLOCK);
			ReorgLog reorgs = ReorgLog.following(chain, TestChain.CLOCK);
			service = new ChainService(ledger, new MinerProperties("miner-1"), (block, sendWhole) -> {
			}, tx -> {
			}, List.of(arrivals), TestChain.CLOCK);
			history = new ChainHistory(service, arrivals, reorgs);
			service.receiveBlock(a1, "miner-2");
			service.receiveBlock(b1, "miner-3");
			service.receiveBlock(b2, "miner-3");
			service.receiveBlock(x2, "miner-4");
		}

		@Bean
		ChainService chainService() {
			return service;
		}

		@Bean
		ChainHistory chainHistory() {
			return history;
		}

	}

}
