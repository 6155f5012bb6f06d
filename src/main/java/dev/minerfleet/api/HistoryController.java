package dev.minerfleet.api;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.node.ChainHistory;
import dev.minerfleet.node.ChainService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The recent past of this miner's chain, what the live view draws: the tree's recent window with side branches and
 * orphans, when each block came and from whom, the reorganisations, and one transaction's lifecycle.
 */
@RestController
class HistoryController {

	static final int MAX_DEPTH = 1000;

	static final int MAX_LIMIT = 1000;

	private final ChainService chain;

	private final ChainHistory history;

	HistoryController(ChainService chain, ChainHistory history) {
		this.chain = chain;
		this.history = history;
	}

	@GetMapping("/tree")
	TreeView tree(
			@RequestParam(defaultValue = "30") @Min(value = 1, message = "must be 1 or more") @Max(value = MAX_DEPTH,
					message = "must be at most {value}") int depth,
			@RequestParam(defaultValue = "20") @Min(value = 0, message = "must be 0 or more") @Max(value = MAX_LIMIT,
					message = "must be at most {value}") int orphans) {
		return TreeView.of(chain.minerId(), history.tree(depth, orphans), history::arrival);
	}

	@GetMapping("/arrivals")
	List<ArrivalView> arrivals(@RequestParam(defaultValue = "100") @Min(value = 0,
			message = "must be 0 or more") @Max(value = MAX_LIMIT, message = "must be at most {value}") int limit) {
		return history.arrivals(limit).stream().map(ArrivalView::of).toList();
	}

	@GetMapping("/arrivals/{hash}")
	ArrivalView arrival(@PathVariable String hash) {
		Hash parsed = InvalidRequestException.parseHash("a block hash", hash);
		return history.arrival(parsed)
			.map(ArrivalView::of)
			.orElseThrow(() -> new NotFoundException("no arrival of block " + parsed.hex() + " is recorded by "
					+ chain.minerId() + " (restored at start-up, never received, or among the oldest forgotten)"));
	}

	@GetMapping("/reorgs")
	List<ReorgView> reorgs(@RequestParam(defaultValue = "20") @Min(value = 0, message = "must be 0 or more") @Max(
			value = MAX_LIMIT, message = "must be at most {value}") int limit) {
		return history.reorgs(limit).stream().map(ReorgView::of).toList();
	}

	@GetMapping("/transactions/{id}/lifecycle")
	LifecycleView lifecycle(@PathVariable String id) {
		Hash parsed = InvalidRequestException.parseHash("a transaction id", id);
		return LifecycleView.of(chain.minerId(), history.lifecycle(parsed));
	}

}
