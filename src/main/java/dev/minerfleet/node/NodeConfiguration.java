package dev.minerfleet.node;

import java.time.InstantSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.mempool.Mempool;

@Configuration(proxyBeanMethods = false)
class NodeConfiguration {

	@Bean
	InstantSource clock() {
		return InstantSource.system();
	}

	@Bean
	Ledger ledger(ChainProperties properties, InstantSource clock) {
		Blockchain chain = new Blockchain(properties.toParameters(), clock);
		Mempool mempool = new Mempool(properties.mempoolMaxTransactions(), properties.mempoolMaxSize().toBytes());
		return new Ledger(chain, mempool);
	}

}
