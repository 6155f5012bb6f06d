package dev.minerfleet.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import dev.minerfleet.node.MinerProperties;

/**
 * The node's transaction broadcaster: {@link MqttBroadcaster} behind a {@link TransactionBatcher}, which coalesces
 * the transactions made within {@code mqtt.transaction-batching.max-delay} into one NEWTRX message; and the node's
 * block broadcaster, which sends what the batcher holds before each block ({@link TransactionsFirstBlockBroadcaster}).
 */
@Configuration(proxyBeanMethods = false)
class TransactionBatchingConfiguration {

	@Bean
	@Primary
	TransactionBatcher transactionBatcher(TransactionBatchingProperties properties, MqttBroadcaster mqttBroadcaster,
			MinerProperties miner) {
		return new TransactionBatcher(properties, mqttBroadcaster::broadcast, miner.id());
	}

	@Bean
	@Primary
	TransactionsFirstBlockBroadcaster blockBroadcaster(TransactionBatcher transactionBatcher,
			MqttBroadcaster mqttBroadcaster) {
		return new TransactionsFirstBlockBroadcaster(transactionBatcher, mqttBroadcaster);
	}

}
