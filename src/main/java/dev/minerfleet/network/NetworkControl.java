package dev.minerfleet.network;

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

	public NetworkControl(NetworkConditions initial) {
		this.current = new AtomicReference<>(initial);
	}

	public NetworkConditions current() {
		return current.get();
	}

	/** Puts {@code conditions} in force for every message received from now on; returns the ones they replace. */
	public NetworkConditions replace(NetworkConditions conditions) {
		NetworkConditions previous = current.getAndSet(conditions);
		log.info("Network conditions now {} (were {})", conditions.summary(), previous.summary());
		return previous;
	}

}
