package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class OrphanPoolTests {

	private final TestChain fixture = new TestChain();

	@Test
	void boundsTheBytesItHoldsNotOnlyTheCount() {
		List<Block> blocks = List.of(fixture.block(fixture.genesis(), "a", big()), fixture.block(fixture.genesis(), "b", big()),
				fixture.block(fixture.genesis(), "c", big()));
		long size = blocks.get(0).size();
		OrphanPool pool = new OrphanPool(100, 2 * size + 10);
		blocks.forEach(block -> pool.add(block.hash(), block));

		assertThat(pool.size()).isEqualTo(2);
		assertThat(pool.evicted()).isEqualTo(1);
		assertThat(pool.contains(blocks.get(0).hash())).isFalse();
		assertThat(pool.takeChildrenOf(fixture.genesis().hash())).containsExactly(blocks.get(1), blocks.get(2));
		// taking gives the bytes back
		blocks.forEach(block -> pool.add(block.hash(), block));
		assertThat(pool.size()).isEqualTo(2);
	}

	private Transaction big() {
		return Transaction.create("a", "b", 1, "x".repeat(900) + fixture.transaction().id().hex(), 1, "m");
	}

}
