package dev.minerfleet.messaging;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.integration.mqtt.core.ClientManager;

/**
 * Health "mqtt": UP while the shared MQTT client is connected, DOWN otherwise (also before the first connection),
 * with the broker url and client id.
 */
final class MqttHealthIndicator extends AbstractHealthIndicator {

	private final ClientManager<?, ?> clientManager;

	MqttHealthIndicator(ClientManager<?, ?> clientManager) {
		super("MQTT health check failed");
		this.clientManager = clientManager;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (clientManager.isConnected()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("broker", clientManager.getUrl()).withDetail("clientId", clientManager.getClientId());
	}

}
