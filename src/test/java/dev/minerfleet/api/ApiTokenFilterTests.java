package dev.minerfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ApiTokenFilterTests {

	@Test
	void writeRequestsWithoutTheRightTokenGet401AndReadsStayOpen() throws Exception {
		ApiTokenFilter filter = filter(Optional.of("s3cret"));

		assertThat(run(filter, "POST", "/transactions", null).getStatus()).isEqualTo(401);
		MockHttpServletResponse wrong = run(filter, "POST", "/mining/pause", "Bearer s3cre");
		assertThat(wrong.getStatus()).isEqualTo(401);
		assertThat(wrong.getContentType()).startsWith("application/problem+json");
		assertThat(wrong.getContentAsString()).contains("Authorization: Bearer");
		assertThat(run(filter, "POST", "/transactions", "Bearer s3cret").getStatus()).isEqualTo(200);
		assertThat(run(filter, "GET", "/chain", null).getStatus()).isEqualTo(200);
		assertThat(run(filter, "GET", "/actuator/health", null).getStatus()).isEqualTo(200);
	}

	@Test
	void changingTheNetworkConditionsNeedsTheTokenAndReadingThemDoesNot() throws Exception {
		ApiTokenFilter filter = filter(Optional.of("s3cret"));

		assertThat(run(filter, "PUT", "/admin/network", null).getStatus()).isEqualTo(401);
		assertThat(run(filter, "PUT", "/admin/network", "Bearer wrong").getStatus()).isEqualTo(401);
		assertThat(run(filter, "PUT", "/admin/network", "Bearer s3cret").getStatus()).isEqualTo(200);
		assertThat(run(filter, "GET", "/admin/network", null).getStatus()).isEqualTo(200);
	}

	@Test
	void withoutAConfiguredTokenNothingIsChecked() throws Exception {
		ApiTokenFilter filter = filter(Optional.of("  "));
		assertThat(run(filter, "POST", "/transactions", null).getStatus()).isEqualTo(200);
		assertThat(new ApiProperties(Optional.of("x")).toString()).doesNotContain("x]").contains("******");
	}

	private static ApiTokenFilter filter(Optional<String> token) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("apiProperties", new ApiProperties(token));
		return new ApiTokenFilter(beans.getBeanProvider(ApiProperties.class));
	}

	private static MockHttpServletResponse run(ApiTokenFilter filter, String method, String path, String authorization)
			throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		if (authorization != null) {
			request.addHeader("Authorization", authorization);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(request, response, chain);
		if (response.getStatus() == 200) {
			assertThat(chain.getRequest()).isNotNull();
		}
		return response;
	}

}
