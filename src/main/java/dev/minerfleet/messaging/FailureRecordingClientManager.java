package dev.minerfleet.messaging;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClientPersistence;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jspecify.annotations.Nullable;
import org.springframework.integration.mqtt.core.Mqttv3ClientManager;

/**
 * Spring Integration's client manager, remembering why the last connection attempt failed. With automatic
 * reconnect, the manager swallows the first attempt's failure and Paho retries in the background without telling
 * anyone why, so a refused password looked like an unreachable broker. Here the client records the outcome of every
 * attempt, the first and each automatic reconnection alike (Paho makes both through
 * {@link MqttAsyncClient#connect(MqttConnectOptions, Object, IMqttActionListener)}), for
 * {@link MqttConnectionWatch} and {@link MqttHealthIndicator}.
 */
final class FailureRecordingClientManager extends Mqttv3ClientManager {

	private final AtomicReference<@Nullable ConnectFailure> lastFailure = new AtomicReference<>();

	private MqttClientPersistence persistence = new MemoryPersistence();

	FailureRecordingClientManager(MqttConnectOptions connectOptions, String clientId) {
		super(connectOptions, clientId);
	}

	@Override
	public void setPersistence(MqttClientPersistence persistence) {
		super.setPersistence(persistence);
		this.persistence = persistence;
	}

	/** Why the last attempt failed; empty once an attempt succeeds, and before the first one. */
	Optional<ConnectFailure> lastFailure() {
		return Optional.ofNullable(lastFailure.get());
	}

	/** Gives the manager a recording client, made the way the manager makes its own, before it connects. */
	@Override
	public void start() {
		this.lock.lock();
		try {
			if (getClient() == null) {
				setClient(createClient());
			}
		}
		finally {
			this.lock.unlock();
		}
		super.start();
	}

	private IMqttAsyncClient createClient() {
		try {
			MqttAsyncClient client = new RecordingClient(getUrl(), getClientId(), persistence, lastFailure);
			client.setManualAcks(isManualAcks());
			client.setCallback(this);
			return client;
		}
		catch (MqttException ex) {
			throw new IllegalStateException("could not start client manager", ex);
		}
	}

	/** Records each connection attempt's outcome, then lets Paho's own listener (reconnect scheduling) run. */
	private static final class RecordingClient extends MqttAsyncClient {

		private final AtomicReference<@Nullable ConnectFailure> lastFailure;

		RecordingClient(String url, String clientId, MqttClientPersistence persistence,
				AtomicReference<@Nullable ConnectFailure> lastFailure) throws MqttException {
			super(url, clientId, persistence);
			this.lastFailure = lastFailure;
		}

		@Override
		public IMqttToken connect(MqttConnectOptions options, @Nullable Object userContext,
				@Nullable IMqttActionListener callback) throws MqttException {
			try {
				return super.connect(options, userContext, new Recorder(callback));
			}
			catch (MqttException ex) {
				lastFailure.set(ConnectFailure.of(ex));
				throw ex;
			}
		}

		private final class Recorder implements IMqttActionListener {

			private final @Nullable IMqttActionListener delegate;

			Recorder(@Nullable IMqttActionListener delegate) {
				this.delegate = delegate;
			}

			@Override
			public void onSuccess(IMqttToken token) {
				lastFailure.set(null);
				if (delegate != null) {
					delegate.onSuccess(token);
				}
			}

			@Override
			public void onFailure(IMqttToken token, Throwable failure) {
				lastFailure.set(ConnectFailure.of(failure));
				if (delegate != null) {
					delegate.onFailure(token, failure);
				}
			}

		}

	}

}
