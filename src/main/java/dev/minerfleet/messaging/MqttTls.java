package dev.minerfleet.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.pem.PemContent;

import dev.minerfleet.messaging.MqttProperties.Tls;

/**
 * The TLS side of {@code ssl://} and {@code wss://} connections, from {@code mqtt.tls.*}: the trust store that may
 * sign the broker's certificate and, for mutual TLS, this miner's own certificate and key. Each store is a PEM file
 * (what Mosquitto users have: {@code ca.crt}, or {@code client.crt} and {@code client.key} in one file) or a PKCS12
 * or JKS key store. A store that cannot be used fails start-up with an {@link InvalidTlsSettingsException} that
 * names the setting and the file and never holds a password.
 */
final class MqttTls {

	private static final String PEM_MARKER = "-----BEGIN";

	private MqttTls() {
	}

	/**
	 * TLS sockets with TCP_NODELAY: trusting {@code tls.trustStore()} (the JVM's default trust store when unset) and
	 * presenting {@code tls.keyStore()} when set.
	 */
	static SSLSocketFactory socketFactory(Tls tls) {
		if (tls.trustStore() == null && tls.keyStore() == null) {
			return new NoDelaySslSocketFactory();
		}
		return new NoDelaySslSocketFactory(sslContext(tls).getSocketFactory());
	}

	static SSLContext sslContext(Tls tls) {
		TrustManager @Nullable [] trustManagers = null;
		KeyManager @Nullable [] keyManagers = null;
		try {
			if (tls.trustStore() != null) {
				TrustManagerFactory factory = TrustManagerFactory
					.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				factory.init(trustStore(tls.trustStore(), tls.trustStorePassword()));
				trustManagers = factory.getTrustManagers();
			}
			if (tls.keyStore() != null) {
				char[] password = password(tls.keyStorePassword());
				KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				try {
					factory.init(keyStore(tls.keyStore(), tls.keyStorePassword()), password);
				}
				catch (UnrecoverableKeyException ex) {
					throw new InvalidTlsSettingsException("mqtt.tls.key-store-password does not unlock the private key in "
							+ tls.keyStore() + " (mqtt.tls.key-store)", "Set mqtt.tls.key-store-password (MQTT_TLS_KEY_STORE_PASSWORD) to the key's password.");
				}
				keyManagers = factory.getKeyManagers();
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers, trustManagers, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new InvalidTlsSettingsException("Cannot set up TLS for the MQTT connection from " + tls + ": " + ex,
					"Check the mqtt.tls.* settings.");
		}
	}

	/** The certificates in a PEM file, or a PKCS12 or JKS key store opened with the password. */
	static KeyStore trustStore(Path file, @Nullable String password) {
		String setting = "mqtt.tls.trust-store";
		byte[] content = read(file, setting);
		if (isPem(content)) {
			List<X509Certificate> certificates = pem(file, content, setting).getCertificates();
			if (certificates.isEmpty()) {
				throw new InvalidTlsSettingsException(file + " (" + setting + ") holds no certificate",
						"Point " + setting + " at the PEM certificate of the CA that signed the broker's certificate.");
			}
			KeyStore store = emptyStore();
			try {
				for (int i = 0; i < certificates.size(); i++) {
					store.setCertificateEntry("ca-" + i, certificates.get(i));
				}
			}
			catch (KeyStoreException ex) {
				throw new IllegalStateException("An in-memory key store refused a certificate", ex);
			}
			return store;
		}
		return load(file, password, setting);
	}

	/** A certificate and its private key from a PEM file holding both, or a PKCS12 or JKS key store. */
	static KeyStore keyStore(Path file, @Nullable String password) {
		String setting = "mqtt.tls.key-store";
		byte[] content = read(file, setting);
		if (!isPem(content)) {
			return load(file, password, setting);
		}
		PemContent pem = pem(file, content, setting);
		List<X509Certificate> certificates = pem.getCertificates();
		boolean hasKey = new String(content, StandardCharsets.US_ASCII).contains("PRIVATE KEY-----");
		if (certificates.isEmpty() || !hasKey) {
			throw new InvalidTlsSettingsException(file + " (" + setting + ") holds "
					+ (certificates.isEmpty() ? "no certificate" : "no private key"),
					"Put the client certificate and its private key in one PEM file (cat client.crt client.key),"
							+ " or use a PKCS12 key store.");
		}
		PrivateKey key;
		try {
			key = (password != null) ? pem.getPrivateKey(password) : pem.getPrivateKey();
		}
		catch (RuntimeException ex) {
			throw new InvalidTlsSettingsException("Cannot read the private key in " + file + " (" + setting + "): "
					+ ex.getMessage(), "An encrypted key needs mqtt.tls.key-store-password (MQTT_TLS_KEY_STORE_PASSWORD).");
		}
		KeyStore store = emptyStore();
		try {
			store.setKeyEntry("client", key, password(password), certificates.toArray(X509Certificate[]::new));
		}
		catch (KeyStoreException ex) {
			throw new InvalidTlsSettingsException("The private key in " + file + " (" + setting
					+ ") does not go with its certificate: " + ex.getMessage(), "Check " + setting + ".");
		}
		return store;
	}

	private static byte[] read(Path file, String setting) {
		try {
			return Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			throw new InvalidTlsSettingsException(setting + " " + file.toAbsolutePath() + " does not exist",
					"Create the file, or correct " + setting + " (" + environmentVariable(setting) + ").");
		}
		catch (AccessDeniedException ex) {
			throw new InvalidTlsSettingsException(setting + " " + file.toAbsolutePath()
					+ " cannot be read: permission denied", "Let the miner's user read the file.");
		}
		catch (IOException ex) {
			throw new InvalidTlsSettingsException(setting + " " + file.toAbsolutePath() + " cannot be read: " + ex,
					"Check " + setting + " (" + environmentVariable(setting) + ").");
		}
	}

	private static boolean isPem(byte[] content) {
		return new String(content, StandardCharsets.ISO_8859_1).contains(PEM_MARKER);
	}

	private static PemContent pem(Path file, byte[] content, String setting) {
		try {
			return PemContent.of(new String(content, StandardCharsets.US_ASCII));
		}
		catch (RuntimeException ex) {
			throw new InvalidTlsSettingsException(setting + " " + file + " is not valid PEM: " + ex.getMessage(),
					"Check " + setting + ".");
		}
	}

	private static KeyStore load(Path file, @Nullable String password, String setting) {
		try {
			KeyStore store = KeyStore.getInstance(file.toFile(), (password != null) ? password.toCharArray() : null);
			if (store.size() == 0) {
				throw new InvalidTlsSettingsException(setting + " " + file + " holds no entry"
						+ ((password == null) ? " that can be read without a password" : ""),
						"Check " + setting + ((password == null) ? " and set " + setting + "-password" : "") + ".");
			}
			return store;
		}
		catch (KeyStoreException ex) {
			throw new InvalidTlsSettingsException(setting + " " + file
					+ " is neither PEM nor a PKCS12 or JKS key store", "Point " + setting + " at a PEM certificate file"
							+ " (such as Mosquitto's ca.crt) or a PKCS12 key store.");
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof UnrecoverableKeyException) {
				String passwordSetting = setting + "-password";
				throw new InvalidTlsSettingsException(
						passwordSetting + ((password == null) ? " is not set but " : " does not open ") + file + " ("
								+ setting + ")",
						"Set " + passwordSetting + " (" + environmentVariable(passwordSetting)
								+ ") to the key store's password.");
			}
			throw new InvalidTlsSettingsException(setting + " " + file + " cannot be read as a key store: "
					+ ex.getMessage(), "Check " + setting + ".");
		}
		catch (GeneralSecurityException ex) {
			throw new InvalidTlsSettingsException(setting + " " + file + " cannot be read as a key store: " + ex,
					"Check " + setting + ".");
		}
	}

	private static KeyStore emptyStore() {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			return store;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("The JVM cannot create a PKCS12 key store", ex);
		}
	}

	private static char[] password(@Nullable String password) {
		return (password != null) ? password.toCharArray() : new char[0];
	}

	/** {@code mqtt.tls.trust-store} is set by MQTT_TLS_TRUST_STORE. */
	private static String environmentVariable(String setting) {
		return setting.replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT);
	}

}
