package dev.minerfleet.api;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.Target;
import dev.minerfleet.mempool.Mempool;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.node.ForkStatistics;
import dev.minerfleet.node.MinerControl;
import dev.minerfleet.node.NodeStatistics;

/** This miner at a glance, and switching its mining on and off. */
@RestController
class StatusController {

	private final ChainService chain;

	private final MinerControl mining;

	StatusController(ChainService chain, MinerControl mining) {
		this.chain = chain;
		this.mining = mining;
	}

	@GetMapping("/status")
	StatusView status() {
		ChainSnapshot view = chain.snapshot();
		Target next = view.nextTarget();
		Mempool mempool = chain.mempool();
		NodeStatistics stats = chain.statistics();
		ForkStatistics forks = chain.forks();
		return new StatusView(chain.minerId(), view.height(), view.tip().hash().hex(), next.leadingZeroBits(),
				next.difficultyBits(), next.compactHex(), mining.hashRate(), mining.hashes(), mining.miningThreads(),
				MiningView.state(mining), mining.powStrategy(), mempool.size(), mempool.bytes(), stats.blocksMined(),
				stats.blocksReceived(), stats.blocksAccepted(), stats.blocksRejected(), stats.reorganizations(),
				chain.chain().orphanCount(), chain.chain().knownBlocks(), stats.transactionsCreated(),
				stats.transactionsReceived(), stats.messagesRejected(), mining.maxHashRate(), forks.staleBlocks(),
				forks.staleBlocksFoundBy(chain.minerId()), forks.forksSeen(), forks.reorgDepths(),
				forks.blocksByFinder(), StatusView.LatencyView.of(stats.confirmationLatency()),
				mempool.doubleSpendsDropped(), StatusView.RelayView.of(stats.relay()));
	}

	@GetMapping("/chain/parameters")
	ChainParametersView parameters() {
		return ChainParametersView.of(chain.parameters());
	}

	@GetMapping("/mining")
	MiningView mining() {
		return MiningView.of(mining);
	}

	/** Idempotent: pausing a paused miner answers the same. */
	@PostMapping("/mining/pause")
	MiningView pause() {
		mining.pauseMining();
		return MiningView.of(mining);
	}

	@PostMapping("/mining/resume")
	MiningView resume() {
		mining.resumeMining();
		return MiningView.of(mining);
	}

}
