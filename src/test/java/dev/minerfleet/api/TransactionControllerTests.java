package dev.minerfleet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;

@WebMvcTest(TransactionController.class)
@Import(ApiFixture.Beans.class)
class TransactionControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiFixture fixture;

	@Test
	void showsAConfirmedTransactionWithItsBlockAndConfirmations() throws Exception {
		Transaction tx = fixture.confirmed;
		mvc.perform(get("/transactions/{id}", tx.id().hex()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(tx.id().hex()))
			.andExpect(jsonPath("$.status").value("confirmed"))
			.andExpect(jsonPath("$.transaction.id").value(tx.id().hex()))
			.andExpect(jsonPath("$.transaction.sender").value(tx.sender()))
			.andExpect(jsonPath("$.transaction.amount").value(tx.amount()))
			.andExpect(jsonPath("$.blockHash").value(fixture.b2.hash().hex()))
			.andExpect(jsonPath("$.height").value(2))
			.andExpect(jsonPath("$.confirmations").value(2));
	}

	@Test
	void showsAPendingTransactionWithoutBlockFields() throws Exception {
		Transaction tx = fixture.pending;
		mvc.perform(get("/transactions/{id}", tx.id().hex()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(tx.id().hex()))
			.andExpect(jsonPath("$.status").value("pending"))
			.andExpect(jsonPath("$.transaction.payload").value(tx.payload()))
			.andExpect(jsonPath("$.blockHash").doesNotExist())
			.andExpect(jsonPath("$.height").doesNotExist())
			.andExpect(jsonPath("$.confirmations").doesNotExist());
	}

	@Test
	void answers404WithStatusUnknownForAnUnknownTransaction() throws Exception {
		String unknown = "ab".repeat(32);
		mvc.perform(get("/transactions/{id}", unknown))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(404))
			.andExpect(jsonPath("$.detail").value(
					"transaction " + unknown + " is neither pending nor confirmed on the active chain of miner-1"))
			.andExpect(jsonPath("$.id").value(unknown))
			.andExpect(jsonPath("$.transactionStatus").value("unknown"));
	}

	@Test
	void treatsATransactionOnlyInASideBlockAsUnknown() throws Exception {
		// the side block's coinbase is in the tree, but not on the active chain
		Transaction coinbase = fixture.side.transactions().get(0);
		mvc.perform(get("/transactions/{id}", coinbase.id().hex())).andExpect(status().isNotFound());
	}

	@Test
	void answers400ForAMalformedTransactionId() throws Exception {
		mvc.perform(get("/transactions/{id}", "1234"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("a transaction id must be 64 hex digits, got '1234'"));
	}

	@Test
	void listsTheMempoolWithItsFullSizeAndBytes() throws Exception {
		Transaction tx = fixture.pending;
		mvc.perform(get("/mempool"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.size").value(1))
			.andExpect(jsonPath("$.bytes").value(tx.size()))
			.andExpect(jsonPath("$.transactions", hasSize(1)))
			.andExpect(jsonPath("$.transactions[0].id").value(tx.id().hex()))
			.andExpect(jsonPath("$.transactions[0].origin").value(tx.origin()));
	}

	@Test
	void capsTheMempoolListButNotItsSize() throws Exception {
		mvc.perform(get("/mempool").param("limit", "0"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.size").value(1))
			.andExpect(jsonPath("$.transactions", hasSize(0)));
		mvc.perform(get("/mempool").param("limit", "1001"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("limit must be at most 1000, got 1001"));
	}

	@Test
	@DirtiesContext
	void createsATransactionStampedNowByThisMinerPoolsAndBroadcastsIt() throws Exception {
		String json = postTransaction("{\"sender\":\"carol\",\"receiver\":\"dave\",\"amount\":42,\"payload\":\"rent\"}")
			.andExpect(status().isCreated())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.sender").value("carol"))
			.andExpect(jsonPath("$.receiver").value("dave"))
			.andExpect(jsonPath("$.amount").value(42))
			.andExpect(jsonPath("$.payload").value("rent"))
			.andExpect(jsonPath("$.createdAt").value(TestChain.CLOCK.millis()))
			.andExpect(jsonPath("$.origin").value("miner-1"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		Transaction expected = Transaction.create("carol", "dave", 42, "rent", TestChain.CLOCK.millis(), "miner-1");
		assertThat(JsonPath.<String>read(json, "$.id")).isEqualTo(expected.id().hex());
		assertThat(fixture.broadcasts).contains(expected);
		assertThat(fixture.service.mempool().contains(expected.id())).isTrue();
		mvc.perform(get("/transactions/{id}", expected.id().hex()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("pending"));
	}

	@Test
	@DirtiesContext
	void answersTheLocationOfTheNewTransaction() throws Exception {
		Transaction expected = Transaction.create("carol", "dave", 0, "", TestChain.CLOCK.millis(), "miner-1");
		postTransaction("{\"sender\":\"carol\",\"receiver\":\"dave\",\"amount\":0}").andExpect(status().isCreated())
			.andExpect(header().string("Location", "/transactions/" + expected.id().hex()))
			.andExpect(jsonPath("$.payload").value(""));
	}

	@Test
	@DirtiesContext
	void answers200ForTheSameTransactionAgain() throws Exception {
		String body = "{\"sender\":\"carol\",\"receiver\":\"dave\",\"amount\":1}";
		postTransaction(body).andExpect(status().isCreated());
		postTransaction(body).andExpect(status().isOk()).andExpect(header().exists("Location"));
		assertThat(fixture.broadcasts.stream().filter(Transaction.class::isInstance)).hasSize(1);
	}

	@Test
	void rejectsMissingAndBlankFieldsNamingEach() throws Exception {
		postTransaction("{\"receiver\":\" \"}").andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail")
				.value("amount is required; receiver must not be blank; sender must not be blank"))
			.andExpect(jsonPath("$.errors", hasSize(3)))
			.andExpect(jsonPath("$.errors[0].field").value("amount"))
			.andExpect(jsonPath("$.errors[0].message").value("is required"));
		assertThat(fixture.broadcasts).isEmpty();
	}

	@Test
	void rejectsANegativeAmount() throws Exception {
		postTransaction("{\"sender\":\"a\",\"receiver\":\"b\",\"amount\":-1}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("amount must not be negative"));
	}

	@Test
	void rejectsAnOversizeField() throws Exception {
		postTransaction("{\"sender\":\"" + "s".repeat(65) + "\",\"receiver\":\"b\",\"amount\":1}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("sender must be at most 64 characters"));
	}

	@Test
	void rejectsAPayloadOverTheLimitInUtf8Bytes() throws Exception {
		// 600 characters, 1,200 UTF-8 bytes: within the character limit, over the byte limit
		postTransaction("{\"sender\":\"a\",\"receiver\":\"b\",\"amount\":1,\"payload\":\"" + "é".repeat(600) + "\"}")
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("payload exceeds 1024 UTF-8 bytes"));
	}

	@Test
	void rejectsTheReservedCoinbaseSender() throws Exception {
		postTransaction("{\"sender\":\"coinbase\",\"receiver\":\"b\",\"amount\":1}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("sender 'coinbase' is reserved for block rewards"));
	}

	@Test
	void rejectsAnAmountOfTheWrongTypeNamingTheField() throws Exception {
		postTransaction("{\"sender\":\"a\",\"receiver\":\"b\",\"amount\":\"ten\"}").andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", startsWith("amount: ")))
			.andExpect(jsonPath("$.detail", containsString("\"ten\"")))
			.andExpect(jsonPath("$.detail", not(containsString("java."))));
	}

	@Test
	void rejectsAFractionalAmountRatherThanTruncatingIt() throws Exception {
		postTransaction("{\"sender\":\"a\",\"receiver\":\"b\",\"amount\":1.5}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("amount must be a whole number of at most 19 digits"));
	}

	@Test
	void rejectsAnAmountBeyondTheLargestLong() throws Exception {
		postTransaction("{\"sender\":\"a\",\"receiver\":\"b\",\"amount\":9223372036854775808}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("amount must be at most 9223372036854775807"));
	}

	@Test
	void rejectsJsonThatIsNotAnObjectWithoutNamingJavaTypes() throws Exception {
		postTransaction("[1,2]").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("the request body must be a JSON object"));
	}

	@Test
	void rejectsMalformedJson() throws Exception {
		postTransaction("{\"sender\":").andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("malformed JSON")));
	}

	@Test
	void rejectsAMissingBody() throws Exception {
		mvc.perform(post("/transactions").contentType(MediaType.APPLICATION_JSON))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("a JSON request body is required"));
	}

	@Test
	void rejectsABodyThatIsNotJson() throws Exception {
		mvc.perform(post("/transactions").contentType(MediaType.TEXT_PLAIN).content("carol pays dave 5"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(415));
	}

	@Test
	void refusesABodyOver16KilobytesWith413() throws Exception {
		String huge = "{\"sender\":\"a\",\"receiver\":\"b\",\"amount\":1,\"payload\":\"" + "x".repeat(17_000) + "\"}";
		postTransaction(huge).andExpect(status().isContentTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(413))
			.andExpect(jsonPath("$.detail").value("the request body exceeds 16384 bytes"))
			.andExpect(jsonPath("$.instance").value("/transactions"));
		assertThat(fixture.service.mempool().size()).isEqualTo(1);
	}

	@Test
	void answers400ForAnIdOfTheWrongLength() throws Exception {
		mvc.perform(get("/transactions/{id}", Hash.ZERO.hex() + "00")).andExpect(status().isBadRequest());
	}

	private ResultActions postTransaction(String json) throws Exception {
		return mvc.perform(post("/transactions").contentType(MediaType.APPLICATION_JSON).content(json));
	}

}
