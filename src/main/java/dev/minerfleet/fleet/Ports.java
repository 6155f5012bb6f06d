package dev.minerfleet.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free TCP ports, found by binding the way the servers will. */
final class Ports {

	private Ports() {
	}

	/** Whether a server could listen on {@code host:port} right now. */
	static boolean isFree(String host, int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(false);
			socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** The first free port from {@code start} upward, skipping {@code taken}. */
	static int firstFreeFrom(String host, int start, java.util.Set<Integer> taken) {
		for (int port = start; port <= 65535; port++) {
			if (!taken.contains(port) && isFree(host, port)) {
				return port;
			}
		}
		throw new IllegalStateException("no free port at or above " + start + " on " + host);
	}

	/** A port the system picks, free at the time of asking. */
	static int ephemeral(String host) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot find a free port on " + host, ex);
		}
	}

}
