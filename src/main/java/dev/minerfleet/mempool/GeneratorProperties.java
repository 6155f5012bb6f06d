package dev.minerfleet.mempool;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * genTRX settings. The generator makes {@code transactionsPerTick} transactions at each tick, so it offers
 * {@code transactionsPerTick / interval} transactions a second on average (1,000 a second with {@code 10ms} and
 * {@code 10}).
 *
 * @param enabled whether this miner generates transactions (GENERATOR_ENABLED)
 * @param mode FIXED: one tick every {@code interval}; EXPONENTIAL: random gaps with mean
 * {@code interval}, a Poisson process like real users (GENERATOR_MODE)
 * @param interval the period, or the mean gap (GENERATOR_INTERVAL)
 * @param seed seed of the generator's randomness, for repeatable runs; 0 picks one at random
 * @param transactionsPerTick transactions made at each tick, 1 to {@value #MAX_TRANSACTIONS_PER_TICK}
 * (GENERATOR_TRANSACTIONS_PER_TICK)
 */
@Validated
@ConfigurationProperties("generator")
public record GeneratorProperties(@DefaultValue("true") boolean enabled, @DefaultValue("fixed") @NotNull Mode mode,
		@DefaultValue("1s") @NotNull Duration interval, @DefaultValue("0") long seed,
		@DefaultValue("1") int transactionsPerTick) {

	/** Most transactions of one tick: more would hold the generator's thread for a long while. */
	public static final int MAX_TRANSACTIONS_PER_TICK = 100_000;

	/** The constructor Spring binds: a record with a second constructor has to say which. */
	@ConstructorBinding
	public GeneratorProperties {
		if (interval != null && (interval.isNegative() || interval.isZero())) {
			throw new IllegalArgumentException("generator.interval must be positive, got " + interval);
		}
		if (transactionsPerTick < 1 || transactionsPerTick > MAX_TRANSACTIONS_PER_TICK) {
			throw new IllegalArgumentException("generator.transactions-per-tick must lie in 1.."
					+ MAX_TRANSACTIONS_PER_TICK + ", got " + transactionsPerTick);
		}
	}

	/** Settings making one transaction a tick. */
	public GeneratorProperties(boolean enabled, Mode mode, Duration interval, long seed) {
		this(enabled, mode, interval, seed, 1);
	}

	/** The mean rate these settings offer, in transactions a second. */
	public double transactionsPerSecond() {
		return transactionsPerTick * 1e9 / interval.toNanos();
	}

	public enum Mode {

		FIXED, EXPONENTIAL

	}

}
