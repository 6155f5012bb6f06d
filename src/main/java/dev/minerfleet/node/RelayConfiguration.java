package dev.minerfleet.node;

import java.time.InstantSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Compact block relay, on the port messaging implements. */
@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

	@Bean
	CompactBlockRelay compactBlockRelay(ChainService chainService, SyncService syncService,
			BlockTransactionExchange blockTransactionExchange, RelayProperties properties, InstantSource clock) {
		return new CompactBlockRelay(chainService, syncService, blockTransactionExchange, properties, clock);
	}

}
