package dev.minerfleet.storage;

/**
 * A data directory this miner cannot use: taken by another miner, holding another chain, not a
 * block log, or not readable. The message says what and where, for a person to act on.
 */
public final class StorageException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String action;

	StorageException(String message, String action) {
		super(message);
		this.action = action;
	}

	StorageException(String message, String action, Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	/** What the person starting the miner can do about it. */
	public String action() {
		return action;
	}

}
