package dev.minerfleet.network;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This miner's current network conditions, replaced whole and atomically at run time. Readers see either the old
 * conditions or the new ones, never a mix.
 */
public final class NetworkControl {

	private static final Logger log = LoggerFactory.getLogger(NetworkControl.class);

	private final AtomicReference<NetworkConditions> current;

	private final List<Runnable> partitionListeners = new CopyOnWriteArrayList<>();

	public NetworkControl(NetworkConditions initial) {
		this.current = new AtomicReference<>(initial);
	}

	public NetworkConditions current() {
		return current.get();
	}

	/**
	 * Puts {@code conditions} in force for every message received from now on; returns the ones they replace. When
	 * the partitions change, tells the {@link #onPartitionsChanged listeners}, on the calling thread, afterwards.
	 */
	public NetworkConditions replace(NetworkConditions conditions) {
		NetworkConditions previous = current.getAndSet(conditions);
		log.info("Network conditions now {} (were {})", conditions.summary(), previous.summary());
		if (!previous.partitions().equals(conditions.partitions())) {
			partitionListeners.forEach(Runnable::run);
		}
		return previous;
	}

	/**
	 * Runs {@code listener} each time a replacement changes the partitions: miners that did not hear one another may
	 * now, as after a reconnection.
	 */
	public void onPartitionsChanged(Runnable listener) {
		partitionListeners.add(listener);
	}

}
