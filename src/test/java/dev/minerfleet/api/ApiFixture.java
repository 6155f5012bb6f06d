package dev.minerfleet.api;

import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.node.Ledger;
import dev.minerfleet.node.MinerProperties;

/**
 * A real ChainService over real blocks with an easy target, as miner-1 sees it after receiving
 * four blocks and a transaction:
 *
 * <pre>
 * genesis ── b1 ── b2 ── b3     active chain, tip b3 (height 3); b2 confirms {@link #confirmed}
 *              └── side          valid, as much work as b2, received later: not active
 *
 * mempool: {@link #pending}
 * </pre>
 *
 * b3's nonce is above 2^31, so its JSON shows whether nonces print unsigned.
 */
final class ApiFixture {

	static final String MINER = "miner-1";

	final TestChain blocks = new TestChain();

	final Transaction confirmed = blocks.transaction();

	final Transaction pending = blocks.transaction();

	final Block b1 = blocks.block(blocks.genesis(), "miner-2");

	final Block b2 = blocks.block(b1, "miner-2", confirmed);

	final Block side = blocks.block(b1, "miner-3");

	final Block b3 = withHighNonce(blocks.block(b2, "miner-2"));

	/** What the node broadcast: blocks and transactions. */
	final List<Object> broadcasts = new CopyOnWriteArrayList<>();

	final ChainService service;

	ApiFixture() {
		Blockchain chain = blocks.newBlockchain();
		Ledger ledger = new Ledger(chain, new Mempool(1000, 1_000_000));
		service = new ChainService(ledger, new MinerProperties(MINER), (block, sendWhole) -> broadcasts.add(block),
				broadcasts::add, List.of(), TestChain.CLOCK);
		for (Block block : List.of(b1, b2, side, b3)) {
			service.receiveBlock(block, "miner-2");
		}
		service.receiveTransaction(pending, "miner-2");
	}

	/** The same block re-mined with nonces from 0xf0000000 up. */
	private static Block withHighNonce(Block block) {
		BlockHeader header = block.header();
		for (int nonce = 0xf0000000;; nonce++) {
			BlockHeader candidate = header.withNonce(nonce);
			if (header.target().isMetBy(candidate.hash())) {
				return block.withHeader(candidate);
			}
		}
	}

	/** The beans controllers need, all real: import into a {@code @WebMvcTest}. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Beans {

		@Bean
		ApiFixture apiFixture() {
			return new ApiFixture();
		}

		@Bean
		ChainService chainService(ApiFixture fixture) {
			return fixture.service;
		}

		@Bean
		InstantSource clock() {
			return TestChain.CLOCK;
		}

	}

}
