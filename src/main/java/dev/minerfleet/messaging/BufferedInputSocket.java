package dev.minerfleet.messaging;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * A plain socket whose input stream reads through a buffer, so that Paho's receiving thread makes one system call
 * for a packet that fits the buffer, not one for each part. Paho reads a packet from the socket's stream as it comes:
 * the first byte, the remaining length a byte at a time, then the rest; on an unbuffered socket stream each of these
 * is a {@code read} of its own, and before each packet it asks {@code available()}, an {@code ioctl} (here answered
 * from the buffer alone). On a two-core machine running a fleet those calls were about a tenth of the fleet's CPU
 * (docs/benchmarks.md, Block propagation, round 11). Buffered, a packet of up to {@value #BUFFER_BYTES} bytes costs one
 * {@code read} once it has arrived, and packets that arrived together one for all of them; a larger one (a whole
 * block) takes a further {@code read} for its rest, and the JDK's buffered stream asks the socket's
 * {@code available()} before it.
 *
 * <p>
 * Only the stream Paho reads from changes: writes, options and closing are the socket's own. Paho asks for the stream
 * once a connection over TCP and twice over WebSocket (the handshake, then the receiving thread); one stream a socket
 * keeps them on one buffer.
 */
final class BufferedInputSocket extends Socket {

	/** As {@link BufferedInputStream}'s default: more than a transaction message or a compact block. */
	static final int BUFFER_BYTES = 8192;

	private InputStream input;

	BufferedInputSocket() {
	}

	BufferedInputSocket(String host, int port) throws IOException {
		super(host, port);
	}

	BufferedInputSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		super(host, port, localHost, localPort);
	}

	BufferedInputSocket(InetAddress host, int port) throws IOException {
		super(host, port);
	}

	BufferedInputSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
		super(address, port, localAddress, localPort);
	}

	@Override
	public synchronized InputStream getInputStream() throws IOException {
		// asked every time for its checks: it throws once the socket is closed or its input shut down
		InputStream socketInput = super.getInputStream();
		if (input == null) {
			input = new Buffered(socketInput);
		}
		return input;
	}

	/**
	 * A buffered stream whose {@code available()} counts only what its buffer holds, without asking the socket: an
	 * estimate, as the method promises. Paho's receiving thread asks it before every packet only to note whether it
	 * is in the middle of receiving, which nothing in Paho 1.2.5 reads back.
	 */
	static final class Buffered extends BufferedInputStream {

		Buffered(InputStream in) {
			super(in, BUFFER_BYTES);
		}

		@Override
		public synchronized int available() {
			return count - pos;
		}

	}

}
