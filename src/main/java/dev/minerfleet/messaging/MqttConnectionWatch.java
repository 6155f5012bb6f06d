package dev.minerfleet.messaging;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.mqtt.core.ClientManager;
import org.springframework.integration.mqtt.core.ClientManager.ConnectCallback;

/**
 * Says in the log whether this miner reaches its broker: "Connected to MQTT broker ..." on every connection, and
 * "MQTT broker ... not reachable, retrying" every {@code interval} while it is not connected, with the reason when
 * the last attempt's failure is known: "MQTT broker ... refused the credentials (not authorized): check mqtt.username
 * and mqtt.password, retrying", "MQTT broker ... not reachable: TLS handshake failed: ..., retrying". The client reconnects on
 * its own (automatic reconnect); this only watches. Register it as the client manager's {@link ConnectCallback} when
 * creating it, before the manager starts: Spring starts a lifecycle bean's dependencies first, so the manager connects
 * before {@link #start()} runs. Its one daemon thread runs from start to stop.
 */
final class MqttConnectionWatch implements SmartLifecycle, ConnectCallback {

	private static final Logger log = LoggerFactory.getLogger(MqttConnectionWatch.class);

	private final ClientManager<?, ?> clientManager;

	private final Duration firstCheck;

	private final Duration interval;

	private final Supplier<Optional<ConnectFailure>> lastFailure;

	private @Nullable ScheduledExecutorService executor;

	/**
	 * @param firstCheck when to check first: give the first connection attempt time to finish
	 * @param interval between checks, so between two warnings
	 */
	MqttConnectionWatch(ClientManager<?, ?> clientManager, Duration firstCheck, Duration interval) {
		this(clientManager, firstCheck, interval, Optional::empty);
	}

	/** @param lastFailure why the last connection attempt failed, if it did */
	MqttConnectionWatch(ClientManager<?, ?> clientManager, Duration firstCheck, Duration interval,
			Supplier<Optional<ConnectFailure>> lastFailure) {
		this.clientManager = clientManager;
		this.firstCheck = firstCheck;
		this.interval = interval;
		this.lastFailure = lastFailure;
	}

	@Override
	public synchronized void start() {
		if (executor != null) {
			return;
		}
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "mqtt-watch");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(this::warnIfDisconnected, firstCheck.toMillis(), interval.toMillis(),
				TimeUnit.MILLISECONDS);
		executor = scheduler;
	}

	@Override
	public synchronized void stop() {
		if (executor == null) {
			return;
		}
		executor.shutdownNow();
		executor = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return executor != null;
	}

	@Override
	public void connectComplete(boolean isReconnect) {
		log.info("{} to MQTT broker {} as {}", isReconnect ? "Reconnected" : "Connected", clientManager.getUrl(),
				clientManager.getClientId());
	}

	/**
	 * Logs a warning when the client manager runs but is not connected.
	 * @return whether it warned
	 */
	boolean warnIfDisconnected() {
		if (clientManager.isRunning() && !clientManager.isConnected()) {
			Optional<ConnectFailure> failure = lastFailure.get();
			if (failure.isEmpty()) {
				log.warn("MQTT broker {} not reachable, retrying", clientManager.getUrl());
			}
			else if (failure.get().kind() == ConnectFailure.Kind.CREDENTIALS_REFUSED) {
				log.warn("MQTT broker {} refused the credentials ({}): check mqtt.username and mqtt.password, retrying",
						clientManager.getUrl(), failure.get().detail());
			}
			else {
				log.warn("MQTT broker {} {}, retrying", clientManager.getUrl(), failure.get().describe());
			}
			return true;
		}
		return false;
	}

}
