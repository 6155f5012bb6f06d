package dev.minerfleet.api;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.minerfleet.network.NetworkControl;

/**
 * This miner's simulated network conditions: read them, replace them. A PUT is a write request, so it needs the API
 * token when {@code api.token} is set ({@link ApiTokenFilter}).
 */
@RestController
class NetworkController {

	private final NetworkControl network;

	NetworkController(NetworkControl network) {
		this.network = network;
	}

	@GetMapping("/admin/network")
	NetworkView conditions() {
		return NetworkView.of(network.current());
	}

	/** Replaces the conditions for every message received from now on, and answers them as they now stand. */
	@PutMapping("/admin/network")
	NetworkView replace(@RequestBody NetworkView request) {
		network.replace(request.toConditions());
		return NetworkView.of(network.current());
	}

}
