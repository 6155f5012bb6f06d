package org.eclipse.paho.client.mqttv3.internal.wire;

import java.io.IOException;
import java.io.InputStream;

/**
 * minerfleet's replacement for the class of this name in Eclipse Paho's MQTT v3 client 1.2.5 (EPL-2.0 / EDL-1.0),
 * with the same public members and one addition: reading into an array reads in bulk.
 * <p>
 * Paho decodes every packet it receives (every NEWTRX, NEWBLOCK and SYNC message, at every miner) through this
 * stream, twice: {@code MqttWireMessage.createWireMessage} and the {@code MqttPublish} constructor each wrap the
 * packet's bytes, a {@code ByteArrayInputStream}, in it and read the payload with {@code DataInputStream.readFully}.
 * Paho's class overrides only the single-byte {@code read()}, so {@code InputStream}'s default
 * {@code read(byte[], int, int)} fetched the payload one byte at a time, each a synchronized
 * {@code ByteArrayInputStream.read()}: about 35 to 60 ns a byte (shared/FACTS.md; 37 ms for a 1 MB message, against
 * 0.3 ms with this class, {@code bench/paho-decode.sh}). The count is kept as Paho's class keeps it: every byte
 * read, however it was read.
 * <p>
 * It takes Paho's place because the application's own classes come first on the class path (Spring Boot's
 * {@code BOOT-INF/classes} before {@code BOOT-INF/lib}, Maven's {@code target/classes} before the dependencies).
 * {@code PahoBulkReadTests} checks that this class is the one loaded, that Paho still decodes every kind of packet
 * it sends and receives with it, and that Paho is still the version this was written against.
 */
public class CountingInputStream extends InputStream {

	private final InputStream in;

	private int counter;

	public CountingInputStream(InputStream in) {
		this.in = in;
	}

	@Override
	public int read() throws IOException {
		int value = in.read();
		if (value != -1) {
			counter++;
		}
		return value;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int read = in.read(buffer, offset, length);
		if (read > 0) {
			counter += read;
		}
		return read;
	}

	/** Bytes read since this stream was made or {@link #resetCounter()} last called. */
	public int getCounter() {
		return counter;
	}

	public void resetCounter() {
		counter = 0;
	}

}
