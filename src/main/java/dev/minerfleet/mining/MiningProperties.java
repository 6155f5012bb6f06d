package dev.minerfleet.mining;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * @param enabled whether mining starts with the miner (MINING_ENABLED); when false it starts
 * paused and POST /mining/resume starts it
 * @param threads mining threads (MINING_THREADS); more than the cores adds nothing
 * @param maxHashRate most hashes per second over all this miner's mining threads (MINING_MAX_HASH_RATE); 0 for no
 * cap. Capped miners let a fleet on a few cores hold miners of known shares of the hash power
 */
@Validated
@ConfigurationProperties("mining")
public record MiningProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("1") @Min(1) @Max(64) int threads,
		@DefaultValue("0") @Min(0) @Max(1_000_000_000_000L) long maxHashRate) {

}
