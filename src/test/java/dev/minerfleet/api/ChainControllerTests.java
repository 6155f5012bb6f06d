package dev.minerfleet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.MerkleRoot;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;

@WebMvcTest(ChainController.class)
@Import(ApiFixture.Beans.class)
class ChainControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiFixture fixture;

	@Test
	void listsTheActiveChainOldestFirstWithHeightAndTip() throws Exception {
		mvc.perform(get("/chain"))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.height").value(3))
			.andExpect(jsonPath("$.tip").value(fixture.b3.hash().hex()))
			.andExpect(jsonPath("$.blocks", hasSize(4)))
			.andExpect(jsonPath("$.blocks[0].height").value(0))
			.andExpect(jsonPath("$.blocks[0].hash").value(fixture.blocks.genesis().hash().hex()))
			.andExpect(jsonPath("$.blocks[0].previousHash").value(Hash.ZERO.hex()))
			.andExpect(jsonPath("$.blocks[0].confirmations").value(4))
			.andExpect(jsonPath("$.blocks[2].hash").value(fixture.b2.hash().hex()))
			.andExpect(jsonPath("$.blocks[3].hash").value(fixture.b3.hash().hex()))
			.andExpect(jsonPath("$.blocks[3].confirmations").value(1))
			.andExpect(jsonPath("$.blocks[3].onActiveChain").value(true));
	}

	@Test
	void showsEveryBlockFieldInTheDocumentedShape() throws Exception {
		Transaction tx = fixture.confirmed;
		mvc.perform(get("/chain").param("from", "2").param("limit", "1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.blocks", hasSize(1)))
			.andExpect(jsonPath("$.blocks[0].height").value(2))
			.andExpect(jsonPath("$.blocks[0].hash").value(fixture.b2.hash().hex()))
			.andExpect(jsonPath("$.blocks[0].previousHash").value(fixture.b1.hash().hex()))
			.andExpect(jsonPath("$.blocks[0].version").value(1))
			.andExpect(jsonPath("$.blocks[0].merkleRoot").value(fixture.b2.header().merkleRoot().hex()))
			.andExpect(jsonPath("$.blocks[0].timestamp").value(fixture.b2.header().timestamp()))
			.andExpect(jsonPath("$.blocks[0].bits").value(TestChain.PARAMETERS.initialTarget().compactHex()))
			.andExpect(jsonPath("$.blocks[0].nonce").value(fixture.b2.header().nonce()))
			.andExpect(jsonPath("$.blocks[0].miner").value("miner-2"))
			.andExpect(jsonPath("$.blocks[0].onActiveChain").value(true))
			.andExpect(jsonPath("$.blocks[0].confirmations").value(2))
			.andExpect(jsonPath("$.blocks[0].size").value(fixture.b2.size()))
			.andExpect(jsonPath("$.blocks[0].transactionCount").value(2))
			.andExpect(jsonPath("$.blocks[0].transactions", hasSize(2)))
			.andExpect(jsonPath("$.blocks[0].transactions[0].sender").value(Transaction.COINBASE_SENDER))
			.andExpect(jsonPath("$.blocks[0].transactions[1].id").value(tx.id().hex()))
			.andExpect(jsonPath("$.blocks[0].transactions[1].sender").value(tx.sender()))
			.andExpect(jsonPath("$.blocks[0].transactions[1].receiver").value(tx.receiver()))
			.andExpect(jsonPath("$.blocks[0].transactions[1].amount").value(tx.amount()))
			.andExpect(jsonPath("$.blocks[0].transactions[1].payload").value(tx.payload()))
			.andExpect(jsonPath("$.blocks[0].transactions[1].createdAt").value(tx.createdAt()))
			.andExpect(jsonPath("$.blocks[0].transactions[1].origin").value(tx.origin()));
	}

	@Test
	void printsTheNonceAsAnUnsigned32BitNumber() throws Exception {
		long nonce = Integer.toUnsignedLong(fixture.b3.header().nonce());
		assertThat(nonce).isGreaterThan(Integer.MAX_VALUE);
		mvc.perform(get("/blocks/{hash}", fixture.b3.hash().hex()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.nonce").value(nonce));
	}

	@Test
	void blockJsonCarriesEveryFieldTheHashAndMerkleRootAreRecomputedFrom() throws Exception {
		String json = mvc.perform(get("/blocks/{hash}", fixture.b3.hash().hex()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		DocumentContext block = JsonPath.parse(json);
		BlockHeader header = new BlockHeader((int) block.read("$.version", Long.class).longValue(),
				Hash.fromHex(block.read("$.previousHash")), Hash.fromHex(block.read("$.merkleRoot")),
				block.read("$.timestamp", Long.class), Integer.parseUnsignedInt(block.read("$.bits"), 16),
				(int) block.read("$.nonce", Long.class).longValue());
		assertThat(header.hash().hex()).isEqualTo(block.read("$.hash"));
		int count = block.read("$.transactions.length()");
		List<Transaction> transactions = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String at = "$.transactions[" + i + "].";
			transactions.add(Transaction.create(block.read(at + "sender"), block.read(at + "receiver"),
					block.read(at + "amount", Long.class), block.read(at + "payload"),
					block.read(at + "createdAt", Long.class), block.read(at + "origin")));
			assertThat(transactions.get(i).id().hex()).isEqualTo(block.read(at + "id"));
		}
		assertThat(MerkleRoot.of(transactions)).isEqualTo(header.merkleRoot());
	}

	@Test
	void pagesWithFromAndLimit() throws Exception {
		mvc.perform(get("/chain").param("from", "1").param("limit", "2"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.height").value(3))
			.andExpect(jsonPath("$.blocks", hasSize(2)))
			.andExpect(jsonPath("$.blocks[0].height").value(1))
			.andExpect(jsonPath("$.blocks[1].height").value(2));
	}

	@Test
	void answersAnEmptyPageBeyondTheTip() throws Exception {
		mvc.perform(get("/chain").param("from", "4"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.height").value(3))
			.andExpect(jsonPath("$.blocks", hasSize(0)));
	}

	@Test
	void acceptsTheLargestLimit() throws Exception {
		mvc.perform(get("/chain").param("limit", "1000")).andExpect(status().isOk());
	}

	@Test
	void rejectsALimitAbove1000WithAProblemNamingIt() throws Exception {
		mvc.perform(get("/chain").param("limit", "1001"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.title").value("Bad Request"))
			.andExpect(jsonPath("$.detail").value("limit must be at most 1000, got 1001"))
			.andExpect(jsonPath("$.instance").value("/chain"));
	}

	@Test
	void rejectsANegativeFromOrLimit() throws Exception {
		mvc.perform(get("/chain").param("from", "-1"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("from must be 0 or more, got -1"));
		mvc.perform(get("/chain").param("limit", "-5"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("limit must be 0 or more, got -5"));
	}

	@Test
	void rejectsANonNumericParameter() throws Exception {
		mvc.perform(get("/chain").param("limit", "ten"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("limit must be an integer, got 'ten'"));
	}

	@Test
	void findsABlockOffTheActiveChain() throws Exception {
		mvc.perform(get("/blocks/{hash}", fixture.side.hash().hex()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.hash").value(fixture.side.hash().hex()))
			.andExpect(jsonPath("$.height").value(2))
			.andExpect(jsonPath("$.miner").value("miner-3"))
			.andExpect(jsonPath("$.onActiveChain").value(false))
			.andExpect(jsonPath("$.confirmations").value(0));
	}

	@Test
	void findsABlockByUppercaseHash() throws Exception {
		mvc.perform(get("/blocks/{hash}", fixture.b1.hash().hex().toUpperCase(Locale.ROOT)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.hash").value(fixture.b1.hash().hex()))
			.andExpect(jsonPath("$.confirmations").value(3));
	}

	@Test
	void answers404ForAnUnknownBlock() throws Exception {
		String unknown = "00".repeat(31) + "01";
		mvc.perform(get("/blocks/{hash}", unknown))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(404))
			.andExpect(jsonPath("$.title").value("Not Found"))
			.andExpect(jsonPath("$.detail", containsString("no block " + unknown + " is known to miner-1")))
			.andExpect(jsonPath("$.instance").value("/blocks/" + unknown));
	}

	@Test
	void answers400ForSomethingThatIsNotAHash() throws Exception {
		mvc.perform(get("/blocks/{hash}", "xyz"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("a block hash must be 64 hex digits, got 'xyz'"));
		mvc.perform(get("/blocks/{hash}", "g".repeat(64)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("must be 64 hex digits")));
	}

	@Test
	void answersAnUnknownPathWithAProblemAndNoStackTrace() throws Exception {
		mvc.perform(get("/nothing-here"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(404))
			.andExpect(jsonPath("$.trace").doesNotExist());
	}

}
