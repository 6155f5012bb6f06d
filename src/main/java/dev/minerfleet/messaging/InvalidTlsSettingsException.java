package dev.minerfleet.messaging;

/**
 * A {@code mqtt.tls.*} setting that cannot be used: a missing or unreadable file, a wrong password, a file that is
 * neither PEM nor a key store. The message names the setting and the file, never a password; start-up fails and
 * {@link InvalidTlsSettingsFailureAnalyzer} prints the message and the {@link #action()} instead of a stack trace.
 */
public final class InvalidTlsSettingsException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String action;

	InvalidTlsSettingsException(String message, String action) {
		super(message);
		this.action = action;
	}

	/** What to do about it. */
	public String action() {
		return this.action;
	}

}
