package dev.minerfleet.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and the certificates it signs, made with the {@code openssl} command in a
 * directory of the test's: a CA, a server certificate for {@code localhost} and {@code 127.0.0.1}, and a client
 * certificate. EC P-256 keys, valid for two days.
 *
 * <pre class="code">
 * assumeTrue(TestCertificates.opensslAvailable(), "needs the openssl command");
 * TestCertificates certificates = TestCertificates.create(directory);
 * // Mosquitto: cafile certificates.caCertificate(), certfile certificates.serverCertificate(), ...
 * </pre>
 */
public final class TestCertificates {

	private static final String OPENSSL = "openssl";


	private final Path directory;

	private TestCertificates(Path directory) {
		this.directory = directory;
	}

	/** Whether {@code openssl version} runs. */
	public static boolean opensslAvailable() {
		try {
			Process process = new ProcessBuilder(OPENSSL, "version").redirectErrorStream(true).start();
			return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Creates the CA, the server and the client certificates in {@code directory}. */
	public static TestCertificates create(Path directory) {
		TestCertificates certificates = new TestCertificates(directory);
		certificates.createAll();
		return certificates;
	}

	/** The CA's certificate, PEM: what a miner's {@code mqtt.tls.trust-store} points at. */
	public Path caCertificate() {
		return directory.resolve("ca.crt");
	}

	/** The broker's certificate, PEM, for the DNS name {@code localhost} and the IP address 127.0.0.1. */
	public Path serverCertificate() {
		return directory.resolve("server.crt");
	}

	public Path serverKey() {
		return directory.resolve("server.key");
	}

	/** The client's certificate and its unencrypted private key in one PEM file. */
	public Path clientPem() {
		return directory.resolve("client.pem");
	}

	/** The client's certificate and private key as a PKCS12 key store with the given password. */
	public Path clientPkcs12(String password) {
		Path store = directory.resolve("client.p12");
		openssl("pkcs12", "-export", "-in", "client.crt", "-inkey", "client.key", "-name", "client", "-out",
				store.getFileName().toString(), "-passout", "pass:" + password);
		return store;
	}

	private void createAll() {
		openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
				"-subj", "/CN=minerfleet test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
				"keyUsage=critical,keyCertSign,cRLSign");
		signed("server", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
		signed("client", "miner", "extendedKeyUsage=clientAuth\n");
		try {
			Files.writeString(clientPem(), Files.readString(directory.resolve("client.crt"))
					+ Files.readString(directory.resolve("client.key")), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void signed(String name, String commonName, String extensions) {
		try {
			Files.writeString(directory.resolve(name + ".ext"), extensions, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj",
				"/CN=" + commonName);
		openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial",
				String.valueOf(System.nanoTime() & 0xffffff), "-days", "2", "-out", name + ".crt", "-extfile",
				name + ".ext");
	}

	private void openssl(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(OPENSSL);
		command.addAll(List.of(arguments));
		Path output = directory.resolve("openssl.out");
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
				.start();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("openssl did not finish within 30 s: " + command);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("openssl failed (" + process.exitValue() + "): " + command + "\n"
						+ Files.readString(output));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command, ex);
		}
	}

}
