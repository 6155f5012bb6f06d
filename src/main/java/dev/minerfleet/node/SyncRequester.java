package dev.minerfleet.node;

import java.util.List;

import dev.minerfleet.chain.Hash;

/** Sends catch-up sync requests to other miners. Messaging implements it; the replies come to {@link SyncService}. */
public interface SyncRequester {

	/**
	 * Asks {@code peer} for up to {@code max} blocks of its active chain after the first hash of {@code locator} it
	 * has there. Never throws.
	 * @return whether the request went out: false while the broker is unreachable
	 */
	boolean requestBlocks(String peer, String requestId, List<Hash> locator, int max);

}
