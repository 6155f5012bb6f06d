package dev.minerfleet.node;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Compact block relay (docs/protocol.md, "Compact blocks"): how this miner sends the blocks it finds and how long it
 * waits for the transactions it asks for.
 *
 * @param compactBlocks send found blocks in compact form (header, coinbase, 6-byte short ids) rather than whole;
 * received blocks are taken in either form whatever this says
 * @param requestTimeout how long a block rebuilt from short ids waits for the transactions asked for; then it is
 * dropped, and catch-up sync fetches it whole when a later block or tip names it
 * @param maxPendingBlocks blocks waiting for transactions at once; beyond, the oldest is dropped
 * @param maxRepliesPerSecond requests for transactions answered per second, to all miners together; requests beyond
 * are ignored
 */
@Validated
@ConfigurationProperties("relay")
public record RelayProperties(@DefaultValue("true") boolean compactBlocks,
		@DefaultValue("5s") @NotNull Duration requestTimeout, @DefaultValue("32") @Min(1) @Max(1024) int maxPendingBlocks,
		@DefaultValue("200") @Min(1) int maxRepliesPerSecond) {

	/** The defaults: compact blocks on. */
	public static final RelayProperties DEFAULT = new RelayProperties(true, Duration.ofSeconds(5), 32, 200);

	public RelayProperties {
		if (requestTimeout.isNegative() || requestTimeout.isZero()) {
			throw new IllegalArgumentException("relay.request-timeout must be positive, got " + requestTimeout);
		}
	}

}
