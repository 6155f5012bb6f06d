package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MerkleRootTests {

	private final TestChain chain = new TestChain();

	@Test
	void rootOfOneTransactionIsItsId() {
		Transaction tx = chain.transaction();
		assertThat(MerkleRoot.of(List.of(tx))).isEqualTo(tx.id());
	}

	@Test
	void rootOfNothingIsZero() {
		assertThat(MerkleRoot.of(List.of())).isEqualTo(Hash.ZERO);
	}

	@Test
	void oddLevelsDuplicateTheirLastNodeAsBitcoinDoes() {
		List<Hash> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(chain.transaction().id());
		}
		List<Hash> padded = new ArrayList<>(ids);
		padded.add(ids.get(4));
		assertThat(MerkleRoot.ofIds(ids)).isEqualTo(MerkleRoot.ofIds(padded));
		assertThat(MerkleRoot.ofIds(ids.subList(0, 4))).isNotEqualTo(MerkleRoot.ofIds(ids));
	}

	@Test
	void rootDependsOnOrder() {
		Hash a = chain.transaction().id();
		Hash b = chain.transaction().id();
		assertThat(MerkleRoot.ofIds(List.of(a, b))).isNotEqualTo(MerkleRoot.ofIds(List.of(b, a)))
			.isEqualTo(Sha256.doubleSha256(a, b));
	}

}
