package dev.minerfleet.messaging;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.integration.mqtt.core.ClientManager;

/**
 * Health "mqtt": UP while the shared MQTT client is connected, DOWN otherwise (also before the first connection),
 * with the broker url and client id; while DOWN, {@code error} says why the last attempt failed, such as "broker
 * refused the credentials (not authorized): ...".
 */
final class MqttHealthIndicator extends AbstractHealthIndicator {

	private final ClientManager<?, ?> clientManager;

	private final Supplier<Optional<ConnectFailure>> lastFailure;

	MqttHealthIndicator(ClientManager<?, ?> clientManager) {
		this(clientManager, Optional::empty);
	}

	/** @param lastFailure why the last connection attempt failed, if it did */
	MqttHealthIndicator(ClientManager<?, ?> clientManager, Supplier<Optional<ConnectFailure>> lastFailure) {
		super("MQTT health check failed");
		this.clientManager = clientManager;
		this.lastFailure = lastFailure;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (clientManager.isConnected()) {
			builder.up();
		}
		else {
			builder.down();
			lastFailure.get().ifPresent((failure) -> builder.withDetail("error", failure.describe()));
		}
		builder.withDetail("broker", clientManager.getUrl()).withDetail("clientId", clientManager.getClientId());
	}

}
