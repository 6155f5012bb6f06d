package dev.minerfleet.api;

import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param token when set (API_TOKEN), the write endpoints (POST /transactions, POST /mining/...,
 * PUT /admin/network) require {@code Authorization: Bearer <token>}; reads stay open. Never printed.
 */
@ConfigurationProperties("api")
public record ApiProperties(Optional<String> token) {

	public ApiProperties {
		token = (token == null) ? Optional.empty() : token.filter(value -> !value.isBlank());
	}

	@Override
	public String toString() {
		return "ApiProperties[token=" + (token.isPresent() ? "******" : "none") + "]";
	}

}
