package dev.minerfleet.messaging;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up failure caused by unusable {@code mqtt.tls.*} settings into Spring Boot's "APPLICATION FAILED TO
 * START" report: what is wrong and what to do, without a stack trace. Registered in {@code META-INF/spring.factories}.
 */
final class InvalidTlsSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTlsSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidTlsSettingsException cause) {
		return new FailureAnalysis("The MQTT connection's TLS settings cannot be used: " + cause.getMessage(),
				cause.action(), cause);
	}

}
