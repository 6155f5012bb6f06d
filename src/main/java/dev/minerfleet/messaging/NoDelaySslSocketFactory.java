package dev.minerfleet.messaging;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SSLSocketFactory;

/**
 * TLS sockets with Nagle's algorithm off, for {@code ssl://} brokers; see {@link NoDelaySocketFactory} for why.
 * Paho insists on an {@link SSLSocketFactory} for TLS URLs (and on anything else for plain ones), hence a second
 * class. Delegates to the JVM's default TLS settings ({@code javax.net.ssl.*} system properties).
 */
final class NoDelaySslSocketFactory extends SSLSocketFactory {

	private final SSLSocketFactory delegate;

	NoDelaySslSocketFactory() {
		this((SSLSocketFactory) SSLSocketFactory.getDefault());
	}

	NoDelaySslSocketFactory(SSLSocketFactory delegate) {
		this.delegate = delegate;
	}

	@Override
	public String[] getDefaultCipherSuites() {
		return delegate.getDefaultCipherSuites();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return delegate.getSupportedCipherSuites();
	}

	@Override
	public Socket createSocket() throws IOException {
		return NoDelaySocketFactory.noDelay(delegate.createSocket());
	}

	@Override
	public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
		socket.setTcpNoDelay(true);
		return delegate.createSocket(socket, host, port, autoClose);
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return NoDelaySocketFactory.noDelay(delegate.createSocket(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return NoDelaySocketFactory.noDelay(delegate.createSocket(host, port, localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return NoDelaySocketFactory.noDelay(delegate.createSocket(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return NoDelaySocketFactory.noDelay(delegate.createSocket(address, port, localAddress, localPort));
	}

}
