package dev.minerfleet.node;

import java.time.InstantSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bounded records of the chain's recent past that {@link ChainHistory} reads. */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

	/** A {@link NodeObserver}, so the chain service tells it of every block mined or received. */
	@Bean
	BlockArrivals blockArrivals(MinerProperties miner, InstantSource clock) {
		return new BlockArrivals(miner.id(), clock);
	}

	@Bean
	ReorgLog reorgLog(Ledger ledger, InstantSource clock) {
		return ReorgLog.following(ledger.chain(), clock);
	}

}
