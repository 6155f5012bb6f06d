package dev.minerfleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.minerfleet.testsupport.TestBroker;

/** With api.token set, a live miner's write endpoints need the token and its reads do not. */
class ApiTokenIT {

	@RegisterExtension
	static final TestBroker broker = new TestBroker();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void writeEndpointsRequireTheConfiguredToken() throws Exception {
		try (Miner miner = Miner.start("guarded", broker.url(), broker.uniqueTopicPrefix(), "--api.token=s3cret",
				"--mining.enabled=false", "--generator.enabled=false")) {
			String body = "{\"sender\":\"alice\",\"receiver\":\"bob\",\"amount\":1}";
			assertThat(post(miner, "/transactions", body, null).statusCode()).isEqualTo(401);
			assertThat(post(miner, "/mining/resume", "", "Bearer wrong").statusCode()).isEqualTo(401);
			assertThat(post(miner, "/transactions", body, "Bearer s3cret").statusCode()).isEqualTo(201);
			assertThat(http.send(HttpRequest.newBuilder(URI.create(miner.baseUrl() + "/mempool")).build(),
					HttpResponse.BodyHandlers.ofString()).body()).contains("\"size\":1");
		}
	}

	private HttpResponse<String> post(Miner miner, String path, String body, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(miner.baseUrl() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
