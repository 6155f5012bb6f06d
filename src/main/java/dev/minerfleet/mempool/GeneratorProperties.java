package dev.minerfleet.mempool;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * genTRX settings.
 *
 * @param enabled whether this miner generates transactions (GENERATOR_ENABLED)
 * @param mode FIXED: one every {@code interval}; EXPONENTIAL: random gaps with mean
 * {@code interval}, a Poisson process like real users (GENERATOR_MODE)
 * @param interval the period, or the mean gap (GENERATOR_INTERVAL)
 * @param seed seed of the generator's randomness, for repeatable runs; 0 picks one at random
 */
@Validated
@ConfigurationProperties("generator")
public record GeneratorProperties(@DefaultValue("true") boolean enabled, @DefaultValue("fixed") @NotNull Mode mode,
		@DefaultValue("1s") @NotNull Duration interval, @DefaultValue("0") long seed) {

	public GeneratorProperties {
		if (interval != null && (interval.isNegative() || interval.isZero())) {
			throw new IllegalArgumentException("generator.interval must be positive, got " + interval);
		}
	}

	public enum Mode {

		FIXED, EXPONENTIAL

	}

}
