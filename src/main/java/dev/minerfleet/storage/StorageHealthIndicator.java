package dev.minerfleet.storage;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health "storage": UP while blocks are written to the data directory, DOWN once a write failed
 * (the miner then goes on in memory only), with the directory, blocks written and size of the log.
 */
final class StorageHealthIndicator extends AbstractHealthIndicator {

	private final BlockLogArchive archive;

	StorageHealthIndicator(BlockLogArchive archive) {
		super("Storage health check failed");
		this.archive = archive;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (archive.failure().isPresent()) {
			builder.down().withDetail("error", archive.failure().get()).withDetail("unsavedBlocks", archive.unsaved());
		}
		else {
			builder.up();
		}
		builder.withDetail("dataDir", archive.location())
			.withDetail("blocksWritten", archive.kept())
			.withDetail("logBytes", archive.blockLog().size());
	}

}
