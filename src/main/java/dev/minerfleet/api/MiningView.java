package dev.minerfleet.api;

import dev.minerfleet.node.MinerControl;

/**
 * The mining executor's state.
 *
 * @param mining "running" or "paused"
 * @param miningThreads dedicated mining threads
 * @param powStrategy how headers are hashed
 * @param hashrate recent hashes per second over all threads
 * @param hashes hashes computed since start
 * @param maxHashRate cap on hashes per second over all threads, 0 for none
 */
public record MiningView(String mining, int miningThreads, String powStrategy, double hashrate, long hashes,
		long maxHashRate) {

	static final String RUNNING = "running";

	static final String PAUSED = "paused";

	static MiningView of(MinerControl control) {
		return new MiningView(state(control), control.miningThreads(), control.powStrategy(), control.hashRate(),
				control.hashes(), control.maxHashRate());
	}

	static String state(MinerControl control) {
		return control.isMiningPaused() ? PAUSED : RUNNING;
	}

}
