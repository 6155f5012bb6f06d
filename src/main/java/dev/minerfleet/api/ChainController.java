package dev.minerfleet.api;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.node.ChainService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The active chain page by page, and any known block by hash. */
@RestController
class ChainController {

	static final int MAX_LIMIT = 1000;

	private final ChainService chain;

	ChainController(ChainService chain) {
		this.chain = chain;
	}

	/** Blocks of the active chain from {@code from} upward, oldest first; empty past the tip. */
	@GetMapping("/chain")
	ChainView chain(@RequestParam(defaultValue = "0") @Min(value = 0, message = "must be 0 or more") int from,
			@RequestParam(defaultValue = "100") @Min(value = 0, message = "must be 0 or more") @Max(value = MAX_LIMIT,
					message = "must be at most {value}") int limit) {
		ChainSnapshot view = chain.snapshot();
		List<BlockView> blocks = view.range(from, limit).stream().map(block -> BlockView.of(block, view)).toList();
		return new ChainView(view.height(), view.tip().hash().hex(), blocks);
	}

	/** A block on any branch this miner knows, active or not. */
	@GetMapping("/blocks/{hash}")
	BlockView block(@PathVariable String hash) {
		Hash parsed = InvalidRequestException.parseHash("a block hash", hash);
		ChainSnapshot view = chain.snapshot();
		return chain.findBlock(parsed)
			.map(block -> BlockView.of(block, view))
			.orElseThrow(() -> new NotFoundException(
					"no block " + parsed.hex() + " is known to " + chain.minerId() + " (orphans are not listed)"));
	}

}
