package dev.minerfleet.node;

import org.springframework.stereotype.Service;

import dev.minerfleet.mining.MiningCoordinator;

/** What the REST layer may ask of and do to this miner beyond its chain: mining state and speed. */
@Service
public class MinerControl {

	private final MiningCoordinator mining;

	public MinerControl(MiningCoordinator mining) {
		this.mining = mining;
	}

	public void pauseMining() {
		mining.pause();
	}

	public void resumeMining() {
		mining.resume();
	}

	public boolean isMiningPaused() {
		return mining.isPaused();
	}

	public double hashRate() {
		return mining.hashRate();
	}

	public long hashes() {
		return mining.hashes();
	}

	/** The cap on hashes per second over all mining threads, 0 when there is none. */
	public long maxHashRate() {
		return mining.maxHashRate();
	}

	public int miningThreads() {
		return mining.threads();
	}

	public String powStrategy() {
		return mining.strategy();
	}

}
