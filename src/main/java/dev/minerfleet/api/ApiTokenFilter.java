package dev.minerfleet.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * When {@code api.token} is set, a write request (any method but GET, HEAD and OPTIONS) outside
 * the actuator needs {@code Authorization: Bearer <token>}, or gets 401 with a problem detail.
 * The comparison takes the same time however much of the token matches.
 */
@Component
class ApiTokenFilter extends OncePerRequestFilter {

	private final Optional<byte[]> token;

	ApiTokenFilter(ObjectProvider<ApiProperties> properties) {
		this.token = properties.getIfAvailable(() -> new ApiProperties(Optional.empty()))
			.token()
			.map(value -> value.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		return token.isEmpty() || "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
				|| request.getRequestURI().startsWith("/actuator");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		byte[] presented = (header != null && header.startsWith("Bearer "))
				? header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (!MessageDigest.isEqual(presented, token.get())) {
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			String body = "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"this miner requires"
					+ " 'Authorization: Bearer <token>' (api.token) on write requests\"}";
			response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
			return;
		}
		chain.doFilter(request, response);
	}

}
