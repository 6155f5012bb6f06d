package dev.minerfleet.node;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Catch-up sync: how many blocks a request asks for and a reply holds, and the limits that keep requests and replies
 * from flooding either side (docs/protocol.md, "Catch-up sync").
 *
 * @param batchSize blocks asked for in a request, and the most sent in a reply whatever a request asks; at most 500,
 * the most a reply may hold
 * @param requestTimeout how long a request may stay unanswered before another may go to the same miner
 * @param requestInterval the least time between two requests to the same miner
 * @param maxRequestsPerSecond requests to all miners together
 * @param maxRepliesPerSecondPerPeer replies to any one miner; requests beyond are ignored
 * @param maxRepliesPerSecond replies to all miners together; requests beyond are ignored
 * @param maxBlocksPerSession new blocks one sync session with a miner may add before it stops
 * @param announceInterval how often a connected miner announces its tip again, besides on every (re)connection: a
 * session that stopped (a limit, a timeout) resumes then even when no block arrives; and sends again the transactions
 * it made that have waited that long for a block; with 0, both happen only on connecting
 * @param maxSessions miners synced from at once; while that many sessions run, a block from another miner that does
 * not connect starts nothing
 */
@Validated
@ConfigurationProperties("sync")
public record SyncProperties(@DefaultValue("500") @Min(1) @Max(500) int batchSize,
		@DefaultValue("5s") @NotNull Duration requestTimeout, @DefaultValue("250ms") @NotNull Duration requestInterval,
		@DefaultValue("10") @Min(1) int maxRequestsPerSecond, @DefaultValue("5") @Min(1) int maxRepliesPerSecondPerPeer,
		@DefaultValue("20") @Min(1) int maxRepliesPerSecond,
		@DefaultValue("10000") @Min(1) int maxBlocksPerSession,
		@DefaultValue("30s") @NotNull Duration announceInterval, @DefaultValue("16") @Min(1) @Max(64) int maxSessions) {

	/** The constructor Spring binds: a record with a second constructor has to say which. */
	@ConstructorBinding
	public SyncProperties {
		if (announceInterval.isNegative()) {
			throw new IllegalArgumentException("sync.announce-interval must not be negative, got " + announceInterval);
		}
	}

	/** The settings with the default announcement interval, 30 s, and at most 16 sessions at once. */
	public SyncProperties(int batchSize, Duration requestTimeout, Duration requestInterval, int maxRequestsPerSecond,
			int maxRepliesPerSecondPerPeer, int maxRepliesPerSecond, int maxBlocksPerSession) {
		this(batchSize, requestTimeout, requestInterval, maxRequestsPerSecond, maxRepliesPerSecondPerPeer,
				maxRepliesPerSecond, maxBlocksPerSession, Duration.ofSeconds(30), 16);
	}

}
