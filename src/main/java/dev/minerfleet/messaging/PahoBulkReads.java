package dev.minerfleet.messaging;

import org.eclipse.paho.client.mqttv3.internal.wire.CountingInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Paho decodes received messages with this project's {@link CountingInputStream}, which reads payloads in
 * bulk, rather than Paho's own, which reads them a byte at a time (docs/adr/0005-paho-bulk-reads.md). Ours wins only
 * while the application's classes come before Paho's jar on the class path, as they do in the jar, in Docker and
 * under Maven; a class path in another order loses it silently, so the miner says so once when it starts.
 */
final class PahoBulkReads {

	private static final Logger log = LoggerFactory.getLogger(PahoBulkReads.class);

	private PahoBulkReads() {
	}

	/** Whether {@code countingStream} reads into an array in bulk, as ours does and Paho's does not. */
	static boolean readsInBulk(Class<?> countingStream) {
		try {
			countingStream.getDeclaredMethod("read", byte[].class, int.class, int.class);
			return true;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	/** Warns when Paho's byte-at-a-time class is the one in use. */
	static void warnUnlessInUse() {
		if (!readsInBulk(CountingInputStream.class)) {
			log.warn("Paho's own CountingInputStream was loaded from {} before this project's: every received message "
					+ "is read a byte at a time (about 35 ns a byte). Put the application's classes before Paho's jar "
					+ "on the class path", CountingInputStream.class.getProtectionDomain().getCodeSource());
		}
	}

}
