package dev.minerfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.Test;

class BufferedInputSocketTests {

	private static final byte[] PACKET = { 0x30, 5, 'a', 'b', 'c', 'd', 'e' };

	@Test
	void oneReadTakesAllThatHasArrivedSoTheRestOfAPacketComesFromTheBuffer() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new NoDelaySocketFactory().createSocket()) {
			client.connect(server.getLocalSocketAddress(), 1000);
			try (Socket peer = server.accept()) {
				InputStream in = client.getInputStream();
				assertThat(in.available()).isZero();
				// one write of a few bytes over loopback arrives whole: the first read finds all of it
				peer.getOutputStream().write(PACKET);

				assertThat(in.read()).isEqualTo(0x30);
				// the socket itself reads nothing more from here on: what follows was taken by the first read
				client.shutdownInput();
				assertThat(in.available()).isEqualTo(PACKET.length - 1);
				assertThat(in.readNBytes(PACKET.length - 1)).containsExactly(5, 'a', 'b', 'c', 'd', 'e');
				assertThat(in.read()).isEqualTo(-1);
			}
		}
	}

	@Test
	void readsAPacketAsPahoDoesWithOneReadOfTheSocketAndNeverAsksTheSocketWhatIsAvailable() throws Exception {
		CountingStream socket = new CountingStream(PACKET);
		DataInputStream paho = new DataInputStream(new BufferedInputSocket.Buffered(socket));

		// as Paho's MqttInputStream: the first byte, the remaining length, then the rest
		assertThat(paho.available()).isZero();
		assertThat(paho.readByte()).isEqualTo((byte) 0x30);
		assertThat(paho.available()).isEqualTo(PACKET.length - 1);
		int remaining = paho.readByte();
		byte[] rest = new byte[remaining];
		paho.readFully(rest);

		assertThat(rest).containsExactly('a', 'b', 'c', 'd', 'e');
		assertThat(socket.reads).isEqualTo(1);
		assertThat(socket.availables).isZero();
	}

	@Test
	void keepsOneStreamPerSocketAndWritesAsAPlainSocketDoes() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new NoDelaySocketFactory().createSocket(InetAddress.getLoopbackAddress(),
						server.getLocalPort());
				Socket peer = server.accept()) {
			assertThat(client.getInputStream()).isSameAs(client.getInputStream());
			OutputStream out = client.getOutputStream();
			out.write(PACKET);
			out.flush();

			assertThat(peer.getInputStream().readNBytes(PACKET.length)).containsExactly(PACKET);
		}
	}

	/** A socket's stream that hands out its bytes in one read and counts what it is asked. */
	private static final class CountingStream extends InputStream {

		private final ByteArrayInputStream bytes;

		int reads;

		int availables;

		CountingStream(byte[] bytes) {
			this.bytes = new ByteArrayInputStream(bytes);
		}

		@Override
		public int read() {
			reads++;
			return bytes.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			reads++;
			return bytes.read(buffer, offset, length);
		}

		@Override
		public int available() {
			availables++;
			return bytes.available();
		}

	}

}
