package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

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

	@Test
	void rootIsTheTextbookTreeOfHashObjectsForEveryCountUpTo70AndSomeLargeOnes() {
		SplittableRandom random = new SplittableRandom(20261205);
		List<Integer> counts = new ArrayList<>();
		for (int count = 1; count <= 70; count++) {
			counts.add(count);
		}
		counts.addAll(List.of(127, 128, 129, 1_000, 4_097));
		for (int count : counts) {
			List<Hash> ids = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				byte[] bytes = new byte[Hash.LENGTH];
				for (int b = 0; b < bytes.length; b++) {
					bytes[b] = (byte) random.nextInt(256);
				}
				ids.add(Hash.of(bytes));
			}
			assertThat(MerkleRoot.ofIds(ids)).as("%d ids", count).isEqualTo(textbookRoot(ids));
		}
	}

	@Test
	void rootOfBitcoinBlock100000IsTheOneItsHeaderCommitsTo() {
		// Bitcoin prints hashes byte-reversed (docs/protocol.md): reversed in, reversed out
		List<Hash> ids = List.of(reversed("8c14f0db3df150123e6f3dbbf30f8b955a8249b62ac1d1ff16284aefa3d06d87"),
				reversed("fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4"),
				reversed("6359f0868171b1d194cbee1af2f16ea598ae8fad666d9b012c8ed2b79a236ec4"),
				reversed("e9a66845e05d5abc0ad04ec80f774a7e585c6e8db975962d069a522137b80c1d"));
		assertThat(MerkleRoot.ofIds(ids))
			.isEqualTo(reversed("f3e94742aca4b5ef85488dc37c06c3282295ffec960994b2c0d5ac2a25a95766"));
	}

	private static Hash reversed(String bitcoinHex) {
		byte[] bytes = Hash.fromHex(bitcoinHex).toByteArray();
		for (int i = 0; i < bytes.length / 2; i++) {
			byte swap = bytes[i];
			bytes[i] = bytes[bytes.length - 1 - i];
			bytes[bytes.length - 1 - i] = swap;
		}
		return Hash.of(bytes);
	}

	/** The rule as the class comment states it, one {@link Hash} per node. */
	private static Hash textbookRoot(List<Hash> ids) {
		List<Hash> level = ids;
		while (level.size() > 1) {
			List<Hash> next = new ArrayList<>();
			for (int i = 0; i < level.size(); i += 2) {
				Hash left = level.get(i);
				next.add(Sha256.doubleSha256(left, (i + 1 < level.size()) ? level.get(i + 1) : left));
			}
			level = next;
		}
		return level.get(0);
	}

}
