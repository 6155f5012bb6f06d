package dev.minerfleet.messaging;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.jspecify.annotations.Nullable;

/**
 * Why the last attempt to connect to the broker failed, in words for the log and the health endpoint: the broker
 * refused the credentials, the TLS handshake failed, or the broker could not be reached at all. Never holds a
 * password: Paho's exceptions do not carry one.
 *
 * @param kind what went wrong
 * @param detail the broker's or the JVM's own words
 */
record ConnectFailure(Kind kind, String detail) {

	enum Kind {

		/** CONNACK return code 4 (bad user name or password) or 5 (not authorized). */
		CREDENTIALS_REFUSED,

		/** The broker's certificate is not trusted, does not name the host, or TLS could not be agreed. */
		TLS_HANDSHAKE_FAILED,

		/** No broker answered: refused, timed out, unknown host, connection lost. */
		UNREACHABLE

	}

	/** What Paho reported for a failed connection attempt. */
	static ConnectFailure of(Throwable failure) {
		if (failure instanceof MqttException mqtt) {
			int reason = mqtt.getReasonCode();
			if (reason == MqttException.REASON_CODE_FAILED_AUTHENTICATION) {
				return new ConnectFailure(Kind.CREDENTIALS_REFUSED, "bad user name or password");
			}
			if (reason == MqttException.REASON_CODE_NOT_AUTHORIZED) {
				return new ConnectFailure(Kind.CREDENTIALS_REFUSED, "not authorized");
			}
		}
		SSLException tls = causeOfType(failure, SSLException.class);
		if (tls != null) {
			return new ConnectFailure(Kind.TLS_HANDSHAKE_FAILED, tls.getMessage() + hint(failure));
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return new ConnectFailure(Kind.UNREACHABLE, message);
	}

	/**
	 * One phrase: "broker refused the credentials (not authorized): check ...", "not reachable: TLS handshake failed:
	 * ...", "not reachable: Connection refused".
	 */
	String describe() {
		if (kind == Kind.CREDENTIALS_REFUSED) {
			return "broker refused the credentials (" + detail + "): check mqtt.username and mqtt.password";
		}
		if (kind == Kind.TLS_HANDSHAKE_FAILED) {
			return "not reachable: TLS handshake failed: " + detail;
		}
		return "not reachable: " + detail;
	}

	private static String hint(Throwable failure) {
		if (causeOfType(failure, CertPathValidatorException.class) != null
				|| String.valueOf(failure.getCause()).contains("PKIX")) {
			return " (the broker's certificate is not signed by a CA of mqtt.tls.trust-store, or of the JVM's trust"
					+ " store when that is unset)";
		}
		CertificateException certificate = causeOfType(failure, CertificateException.class);
		if (certificate != null && String.valueOf(certificate.getMessage()).contains("match")) {
			return " (the broker's certificate does not name the host of mqtt.url; mqtt.tls.verify-hostname=false"
					+ " turns this check off)";
		}
		return "";
	}

	private static <T extends Throwable> @Nullable T causeOfType(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
