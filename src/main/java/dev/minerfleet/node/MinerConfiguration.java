package dev.minerfleet.node;

import java.time.InstantSource;
import java.util.SplittableRandom;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.minerfleet.mempool.GeneratorProperties;
import dev.minerfleet.mempool.TransactionGenerator;
import dev.minerfleet.mining.MiningCoordinator;
import dev.minerfleet.mining.MiningProperties;

/** The two daemons of the lab's miner: genTRX and the mining executor, wired to the node. */
@Configuration(proxyBeanMethods = false)
class MinerConfiguration {

	@Bean
	MiningCoordinator miningCoordinator(ChainService chainService, InstantSource clock, MiningProperties properties) {
		return new MiningCoordinator(chainService, clock, properties);
	}

	@Bean
	TransactionGenerator transactionGenerator(GeneratorProperties properties, ChainService chainService,
			InstantSource clock) {
		SplittableRandom random = (properties.seed() != 0) ? new SplittableRandom(properties.seed())
				: new SplittableRandom();
		return new TransactionGenerator(properties, chainService::createTransaction, clock, random,
				chainService.minerId());
	}

}
