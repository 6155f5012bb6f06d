package dev.minerfleet.api;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.minerfleet.node.ChainService;

/**
 * The live view's page (static resources under {@code /view/}) and the one fact it cannot read from the chain: whose
 * endpoints to read. A miner's view reads this miner alone; the local fleet's view answers the same question with
 * every miner of the fleet.
 */
@RestController
class ViewController {

	static final String PAGE = "/view/index.html";

	private final ChainService chain;

	ViewController(ChainService chain) {
		this.chain = chain;
	}

	/** The miners the page shows and where their endpoints are. */
	record ViewMiners(boolean fleet, List<ViewMiner> miners) {
	}

	/** @param base the prefix of this miner's endpoints, relative to the page's origin ({@code ""} for the origin) */
	record ViewMiner(String id, String base) {
	}

	@GetMapping({ "/", "/view", "/view/" })
	ResponseEntity<Void> page() {
		return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, PAGE).build();
	}

	@GetMapping("/view/miners")
	ViewMiners miners() {
		return new ViewMiners(false, List.of(new ViewMiner(chain.minerId(), "")));
	}

}
