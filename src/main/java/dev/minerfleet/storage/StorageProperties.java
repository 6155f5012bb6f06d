package dev.minerfleet.storage;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where this miner keeps its blocks.
 *
 * @param dataDir the data directory (STORAGE_DATA_DIR); none keeps the chain in memory only, as
 * when every restart should begin at genesis
 * @param fsync whether each block is forced to the disk before the miner goes on (survives power
 * loss); without it a block survives the process being killed, not the machine losing power
 */
@Validated
@ConfigurationProperties("storage")
public record StorageProperties(@Nullable Path dataDir, @DefaultValue("true") boolean fsync) {

}
