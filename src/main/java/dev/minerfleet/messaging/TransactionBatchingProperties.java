package dev.minerfleet.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.minerfleet.messaging.wire.TransactionBatchMessage;
import jakarta.validation.constraints.NotNull;

/**
 * How this miner coalesces the transactions it broadcasts into NEWTRX messages (MQTT_TRANSACTION_BATCHING_MAX_DELAY,
 * MQTT_TRANSACTION_BATCHING_MAX_TRANSACTIONS). A message costs every subscriber far more than its bytes do, so one
 * message of many transactions beats many messages of one.
 *
 * @param maxDelay how long a transaction may wait for others to share its message; {@code 0} sends each transaction
 * in a message of its own, the single-transaction form every version 1 miner reads. At most 1 s
 * @param maxTransactions a message leaves as soon as it holds this many, 1 to
 * {@value TransactionBatchMessage#MAX_TRANSACTIONS}
 */
@Validated
@ConfigurationProperties("mqtt.transaction-batching")
public record TransactionBatchingProperties(@DefaultValue("5ms") @NotNull Duration maxDelay,
		@DefaultValue("1000") int maxTransactions) {

	/** The longest {@code maxDelay}: transactions are meant to travel within moments. */
	public static final Duration MAX_DELAY = Duration.ofSeconds(1);

	public TransactionBatchingProperties {
		if (maxDelay != null && (maxDelay.isNegative() || maxDelay.compareTo(MAX_DELAY) > 0)) {
			throw new IllegalArgumentException(
					"mqtt.transaction-batching.max-delay must lie in 0..1s, got " + maxDelay);
		}
		if (maxTransactions < 1 || maxTransactions > TransactionBatchMessage.MAX_TRANSACTIONS) {
			throw new IllegalArgumentException("mqtt.transaction-batching.max-transactions must lie in 1.."
					+ TransactionBatchMessage.MAX_TRANSACTIONS + ", got " + maxTransactions);
		}
	}

	/** Whether transactions wait for others at all. */
	public boolean enabled() {
		return !maxDelay.isZero() && maxTransactions > 1;
	}

}
