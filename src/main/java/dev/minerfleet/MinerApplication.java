package dev.minerfleet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** One miner: a chain, a mempool, a mining executor, genTRX, MQTT, REST and metrics. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MinerApplication {

	public static void main(String[] args) {
		SpringApplication.run(MinerApplication.class, args);
	}

}
