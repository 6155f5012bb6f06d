package dev.minerfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The chunked path, which MockMvc cannot reach: it always knows the content length. */
class RequestSizeFilterTests {

	private final RequestSizeFilter filter = new RequestSizeFilter();

	@Test
	void refusesAChunkedBodyOverTheLimitWithoutReadingItAll() throws Exception {
		MockHttpServletRequest request = chunked(new byte[RequestSizeFilter.MAX_BODY_BYTES + 1]);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(request, response, chain);
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"status\":413");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void passesAChunkedBodyWithinTheLimitOnUnchanged() throws Exception {
		byte[] body = "{\"sender\":\"a\"}".getBytes(StandardCharsets.UTF_8);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(chunked(body), response, chain);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(chain.getRequest()).isNotNull();
		assertThat(chain.getRequest().getInputStream().readAllBytes()).isEqualTo(body);
	}

	private static MockHttpServletRequest chunked(byte[] body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/transactions") {
			@Override
			public long getContentLengthLong() {
				return -1;
			}
		};
		request.setContent(body);
		request.addHeader("Transfer-Encoding", "chunked");
		return request;
	}

}
