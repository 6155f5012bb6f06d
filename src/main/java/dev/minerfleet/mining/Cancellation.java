package dev.minerfleet.mining;

/**
 * Asked every few thousand hashes whether a search should stop, for instance because a new tip arrived. It must be
 * cheap and must not block; {@code Thread.currentThread()::isInterrupted} is one (it leaves the interrupt set).
 */
@FunctionalInterface
public interface Cancellation {

	boolean isCancelled();

	/** A search that runs until it finds a nonce or runs out. */
	static Cancellation never() {
		return () -> false;
	}

}
