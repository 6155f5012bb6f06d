package dev.minerfleet.storage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.minerfleet.node.ChainProperties;

/**
 * The block log, when {@code storage.data-dir} is set; without it the node keeps its chain in
 * memory only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "storage", name = "data-dir")
class StorageConfiguration {

	@Bean(destroyMethod = "close")
	BlockLogArchive blockArchive(StorageProperties storage, ChainProperties chain) {
		if (storage.dataDir() == null || storage.dataDir().toString().isBlank()) {
			throw new StorageException("storage.data-dir is set but empty.",
					"Name a directory, or leave storage.data-dir unset to keep the chain in memory only.");
		}
		return new BlockLogArchive(BlockLog.open(storage.dataDir(), chain.toParameters(), storage.fsync()));
	}

	@Bean
	StorageHealthIndicator storageHealthIndicator(BlockLogArchive blockArchive) {
		return new StorageHealthIndicator(blockArchive);
	}

}
