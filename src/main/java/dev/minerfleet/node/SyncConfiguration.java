package dev.minerfleet.node;

import java.security.SecureRandom;
import java.time.InstantSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Catch-up sync, on the ports messaging implements. */
@Configuration(proxyBeanMethods = false)
class SyncConfiguration {

	@Bean
	SyncService syncService(ChainService chainService, SyncRequester syncRequester, SyncResponder syncResponder,
			TipPublisher tipPublisher, SyncProperties properties, InstantSource clock) {
		// request ids nobody can guess: a reply is taken only if its sender saw the request
		return new SyncService(chainService, syncRequester, syncResponder, tipPublisher, properties, clock, new SecureRandom(),
				SyncService.Scheduler.background());
	}

}
