package dev.minerfleet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import dev.minerfleet.network.JitterDistribution;
import dev.minerfleet.network.NetworkConditions;
import dev.minerfleet.network.NetworkControl;
import dev.minerfleet.network.Partitions;

@WebMvcTest(NetworkController.class)
@Import(NetworkControllerTests.Beans.class)
class NetworkControllerTests {

	private static final NetworkConditions STARTED_WITH = new NetworkConditions(Duration.ofMillis(300),
			Duration.ofMillis(50), JitterDistribution.EXPONENTIAL, 0.1,
			Partitions.parse(List.of("miner-1,miner-2;miner-3")));

	@Autowired
	MockMvc mvc;

	@Autowired
	NetworkControl network;

	@TestConfiguration(proxyBeanMethods = false)
	static class Beans {

		@Bean
		NetworkControl networkControl() {
			return new NetworkControl(STARTED_WITH);
		}

	}

	@BeforeEach
	void startsWithSomeConditions() {
		network.replace(STARTED_WITH);
	}

	private ResultActions putting(String json) throws Exception {
		return mvc.perform(put("/admin/network").contentType(MediaType.APPLICATION_JSON).content(json));
	}

	@Test
	void answersTheCurrentConditions() throws Exception {
		mvc.perform(get("/admin/network"))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.delay").value("PT0.3S"))
			.andExpect(jsonPath("$.jitter").value("PT0.05S"))
			.andExpect(jsonPath("$.jitterDistribution").value("exponential"))
			.andExpect(jsonPath("$.loss").value(0.1))
			.andExpect(jsonPath("$.partitions[0][0]").value("miner-1"))
			.andExpect(jsonPath("$.partitions[0][1]").value("miner-2"))
			.andExpect(jsonPath("$.partitions[1][0]").value("miner-3"));
	}

	@Test
	void replacesTheConditionsAndAnswersTheNewOnes() throws Exception {
		putting("""
				{"delay": "200ms", "jitter": "PT0.1S", "jitterDistribution": "normal", "loss": 0.25,
				 "partitions": [["miner-1"], ["miner-2", "miner-3"]]}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.delay").value("PT0.2S"))
			.andExpect(jsonPath("$.jitter").value("PT0.1S"))
			.andExpect(jsonPath("$.jitterDistribution").value("normal"))
			.andExpect(jsonPath("$.loss").value(0.25))
			.andExpect(jsonPath("$.partitions[1][1]").value("miner-3"));

		assertThat(network.current()).isEqualTo(new NetworkConditions(Duration.ofMillis(200), Duration.ofMillis(100),
				JitterDistribution.NORMAL, 0.25, new Partitions(List.of(Set.of("miner-1"), Set.of("miner-2", "miner-3")))));
	}

	@Test
	void takesANumberOfMillisecondsAsADuration() throws Exception {
		putting("{\"delay\": 150}").andExpect(status().isOk()).andExpect(jsonPath("$.delay").value("PT0.15S"));

		assertThat(network.current().delay()).isEqualTo(Duration.ofMillis(150));
	}

	@Test
	void restoresAPerfectNetworkFromAnEmptyBody() throws Exception {
		putting("{}").andExpect(status().isOk())
			.andExpect(jsonPath("$.delay").value("PT0S"))
			.andExpect(jsonPath("$.jitterDistribution").value("uniform"))
			.andExpect(jsonPath("$.loss").value(0.0))
			.andExpect(jsonPath("$.partitions").isEmpty());

		assertThat(network.current()).isEqualTo(NetworkConditions.NONE);
	}

	@Test
	void refusesALossAboveOne() throws Exception {
		refuses("{\"loss\": 1.5}", "loss must be between 0 and 1, got 1.5");
	}

	@Test
	void refusesANegativeDelay() throws Exception {
		refuses("{\"delay\": \"-100ms\"}", "delay must not be negative, got PT-0.1S");
	}

	@Test
	void refusesAnUnknownJitterDistribution() throws Exception {
		refuses("{\"jitter\": \"10ms\", \"jitterDistribution\": \"pareto\"}",
				"jitterDistribution must be one of uniform, exponential, normal, got 'pareto'");
	}

	@Test
	void refusesSomethingThatIsNotADuration() throws Exception {
		refuses("{\"jitter\": \"soon\"}", "jitter must be a duration such as \"300ms\", \"2s\" or \"PT0.3S\", got 'soon'");
	}

	@Test
	void refusesAnEmptyPartitionGroupOrABadMinerId() throws Exception {
		refuses("{\"partitions\": [[\"miner-1\"], []]}", "a partition group must name at least one miner");
		refuses("{\"partitions\": [[\"miner 1\"]]}",
				"partitions must hold miner ids (1 to 64 letters, digits, '.', '-' or '_'), got 'miner 1'");
		refuses("{\"partitions\": [[null]]}", "partitions must hold miner ids, got null");
	}

	@Test
	void refusesABodyThatIsNotJson() throws Exception {
		putting("{delay").andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("malformed JSON")));
		assertThat(network.current()).isEqualTo(STARTED_WITH);
	}

	private void refuses(String json, String detail) throws Exception {
		putting(json).andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.detail").value(detail));
		assertThat(network.current()).as("unchanged by a refused request").isEqualTo(STARTED_WITH);
	}

}
