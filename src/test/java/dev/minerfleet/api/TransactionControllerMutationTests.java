package dev.minerfleet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

import dev.minerfleet.testsupport.JsonMutations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 2,000 mutated bodies, and a few over the 16 KB limit, through the real MVC stack of POST /transactions (Boot's
 * Jackson, bean validation, the exception handler, the size filter): every answer is a 2xx with the transaction or a
 * 4xx problem detail, never a 5xx. Seed 0x5eed_0a91 (in the test name, to replay a failure). {@link
 * NewTransactionMutationTests} runs the same kind of bodies 100,000 times without MVC.
 */
@WebMvcTest(TransactionController.class)
@Import(ApiFixture.Beans.class)
@DirtiesContext
class TransactionControllerMutationTests {

	private static final long SEED = 0x5eed_0a91L;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Test
	void answersEveryMutatedBodyWithA2xxOrA4xxProblemNeverA5xxForSeed0x5eed0a91() throws Exception {
		SplittableRandom random = new SplittableRandom(SEED);
		JsonMutations mutations = new JsonMutations(random);
		byte[] valid = "{\"sender\":\"alice\",\"receiver\":\"bob\",\"amount\":42,\"payload\":\"rent\"}"
			.getBytes(StandardCharsets.UTF_8);
		int succeeded = 0;
		int refused = 0;
		for (int i = 0; i < 2_000; i++) {
			byte[] body = (i % 250 == 0) ? oversize(mutations) : mutations.mutate(valid);
			MockHttpServletResponse response = mvc
				.perform(post("/transactions").contentType(MediaType.APPLICATION_JSON).content(body))
				.andReturn()
				.getResponse();
			int status = response.getStatus();
			String context = "body " + i + " (" + HexFormat.of().formatHex(body) + ") answered " + status + " "
					+ response.getContentAsString();
			assertThat(status).as(context).isBetween(200, 499);
			assertThat(status / 100).as(context).isIn(2, 4);
			if (status >= 400) {
				refused++;
				assertThat(response.getContentType()).as(context).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				JsonNode problem = JSON.readTree(response.getContentAsByteArray());
				assertThat(problem.get("status").asInt()).as(context).isEqualTo(status);
				assertThat(problem.get("detail").asString()).as(context).isNotBlank();
			}
			else {
				succeeded++;
				assertThat(JSON.readTree(response.getContentAsByteArray()).get("id").asString()).as(context)
					.hasSize(64);
			}
		}
		assertThat(succeeded).as("bodies accepted").isPositive();
		assertThat(refused).as("bodies refused").isGreaterThan(1_000);
	}

	/** A body over the 16 KB limit: a payload member of 20,000 characters. */
	private static byte[] oversize(JsonMutations mutations) {
		return mutations.replaceMember(
				"{\"sender\":\"a\",\"receiver\":\"b\",\"amount\":1,\"payload\":\"\"}".getBytes(StandardCharsets.UTF_8),
				"\"" + "x".repeat(20_000) + "\"");
	}

}
