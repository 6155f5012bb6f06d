package dev.minerfleet.network;

/** Hears what the network conditions do to received messages, for metrics. Must be quick and must not throw. */
public interface NetworkObserver {

	/** A message from {@code sender} was dropped and will never be delivered. */
	void messageDropped(Traffic traffic, Drop reason);

}
