package dev.minerfleet.node;

import java.time.InstantSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.minerfleet.mempool.Mempool;

@Configuration(proxyBeanMethods = false)
class NodeConfiguration {

	@Bean
	InstantSource clock() {
		return InstantSource.system();
	}

	@Bean
	Ledger ledger(ChainProperties properties, InstantSource clock, ObjectProvider<BlockArchive> archive) {
		Mempool mempool = new Mempool(properties.mempoolMaxTransactions(), properties.mempoolMaxSize().toBytes());
		Ledger ledger = Ledger.create(properties.toParameters(), mempool, clock);
		// before any other bean sees the chain: mining, sync and REST start on the restored tip
		archive.ifAvailable(stored -> Archiving.restoreAndKeep(ledger, stored));
		return ledger;
	}

}
