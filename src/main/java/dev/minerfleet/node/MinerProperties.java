package dev.minerfleet.node;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Pattern;

/**
 * Who this miner is.
 *
 * @param id the miner id (MINER_ID): names its blocks and transactions, tags its metrics and
 * derives its MQTT client id; letters, digits, dot, dash and underscore, at most 64
 */
@Validated
@ConfigurationProperties("miner")
public record MinerProperties(
		@DefaultValue("miner-1") @Pattern(regexp = "[A-Za-z0-9._-]{1,64}",
				message = "a miner id is 1 to 64 letters, digits, '.', '-' or '_'") String id) {

}
