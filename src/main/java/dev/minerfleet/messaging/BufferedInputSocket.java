package dev.minerfleet.messaging;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * A plain socket whose input stream reads through a buffer, so that Paho's receiving thread makes one system call
 * for what it reads of a packet, not one for each. Paho reads a packet from the socket's stream as it comes: the
 * first byte, the remaining length a byte at a time, then the rest; on an unbuffered socket stream each of these is
 * a {@code read} of its own, and before each packet it asks {@code available()}, an {@code ioctl} (here answered
 * from the buffer alone). On a two-core machine running a fleet those calls were about a tenth of the fleet's CPU
 * (docs/benchmarks.md, Block propagation, round 11). Buffered, a packet costs one {@code read} once it has arrived,
 * and packets that arrived together one for all of them.
 *
 * <p>
 * Only the stream Paho reads from changes: writes, options and closing are the socket's own. The stream is made once
 * and kept, as Paho asks for it once per connection.
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
		if (input == null) {
			input = new Buffered(super.getInputStream());
		}
		return input;
	}

	/**
	 * A buffered stream whose {@code available()} counts only what its buffer holds, without asking the socket: an
	 * estimate, as the method promises. Paho's receiving thread asks it before every packet only to note whether it
	 * is in the middle of receiving, which nothing in Paho 1.2.5 reads back.
	 */
	private static final class Buffered extends BufferedInputStream {

		Buffered(InputStream in) {
			super(in, BUFFER_BYTES);
		}

		@Override
		public synchronized int available() {
			return count - pos;
		}

	}

}
