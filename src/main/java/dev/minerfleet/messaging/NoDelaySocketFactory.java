package dev.minerfleet.messaging;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Plain sockets for Paho: Nagle's algorithm off, and input read through a buffer ({@link BufferedInputSocket}). Paho
 * leaves TCP_NODELAY off, and Nagle's algorithm holding back the tail of a message until the broker's delayed ACK
 * arrives adds about 40 ms to every message larger than a few TCP segments, such as a block (50 KB over loopback
 * Mosquitto at QoS 1: about 44 ms with Nagle, 3 ms without; the broker's own {@code set_tcp_nodelay} does not help,
 * the client's socket is the one that waits). Paho creates its socket unconnected ({@link #createSocket()}), so that
 * is where it matters; the other methods are there for completeness.
 */
final class NoDelaySocketFactory extends SocketFactory {

	@Override
	public Socket createSocket() throws IOException {
		return noDelay(new BufferedInputSocket());
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return noDelay(new BufferedInputSocket(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return noDelay(new BufferedInputSocket(host, port, localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return noDelay(new BufferedInputSocket(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return noDelay(new BufferedInputSocket(address, port, localAddress, localPort));
	}

	static Socket noDelay(Socket socket) throws IOException {
		try {
			socket.setTcpNoDelay(true);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
		return socket;
	}

}
