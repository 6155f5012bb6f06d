package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class VerifiedMerkleRootsTests {

	@Test
	void aSecondListOfTheSameIdsGetsTheClaimedRootWithoutHashing() {
		List<Transaction> first = transactions("same ids", 5);
		Hash claimed = MerkleRoot.of(first);
		AtomicInteger hashed = new AtomicInteger();
		Function<List<Transaction>, Hash> counting = list -> {
			hashed.incrementAndGet();
			return MerkleRoot.of(list);
		};

		assertThat(VerifiedMerkleRoots.rootOf(first, claimed, counting)).isSameAs(claimed);
		// another miner's copy: equal transactions, other instances
		List<Transaction> second = transactions("same ids", 5);
		assertThat(second.get(1)).isNotSameAs(first.get(1)).isEqualTo(first.get(1));
		assertThat(VerifiedMerkleRoots.rootOf(second, claimed, counting)).isSameAs(claimed);

		assertThat(hashed).hasValue(1);
	}

	@Test
	void aListThatDiffersInOneIdIsHashedAndGetsItsOwnRootNotTheClaimedOne() {
		List<Transaction> genuine = transactions("one id differs", 6);
		Hash claimed = MerkleRoot.of(genuine);
		assertThat(VerifiedMerkleRoots.rootOf(genuine, claimed)).isEqualTo(claimed);

		List<Transaction> forged = new ArrayList<>(genuine);
		forged.set(3, Transaction.create("mallory", "mallory", 1_000, "not in the block", 1, "miner-x"));
		AtomicInteger hashed = new AtomicInteger();
		Hash root = VerifiedMerkleRoots.rootOf(forged, claimed, list -> {
			hashed.incrementAndGet();
			return MerkleRoot.of(list);
		});

		assertThat(hashed).hasValue(1);
		assertThat(root).isEqualTo(MerkleRoot.of(forged)).isNotEqualTo(claimed);
	}

	@Test
	void aRootThatDoesNotMatchItsClaimIsNotKeptSoTheSameWrongClaimIsHashedAgain() {
		List<Transaction> listed = transactions("wrong claim", 4);
		Hash wrong = Sha256.sha256(new byte[] { 4, 2 });
		AtomicInteger hashed = new AtomicInteger();
		Function<List<Transaction>, Hash> counting = list -> {
			hashed.incrementAndGet();
			return MerkleRoot.of(list);
		};

		assertThat(VerifiedMerkleRoots.rootOf(listed, wrong, counting)).isEqualTo(MerkleRoot.of(listed));
		assertThat(VerifiedMerkleRoots.rootOf(listed, wrong, counting)).isEqualTo(MerkleRoot.of(listed));

		assertThat(hashed).hasValue(2);
	}

	@Test
	void forSeededRandomBlocksAndTheirMutationsTheRootIsAlwaysTheOneTheirIdsHashTo() {
		SplittableRandom random = new SplittableRandom(20261206);
		for (int round = 0; round < 300; round++) {
			List<Transaction> block = transactions("seeded " + round, 1 + random.nextInt(40));
			Hash claimed = MerkleRoot.of(block);
			assertThat(VerifiedMerkleRoots.rootOf(block, claimed)).isEqualTo(claimed);

			List<Transaction> mutated = mutate(block, random);
			// the duplicated last transaction keeps the root (CVE-2012-2459): then and only then it is the claimed one
			assertThat(VerifiedMerkleRoots.rootOf(mutated, claimed)).as("round %d", round)
				.isEqualTo(MerkleRoot.of(mutated));
		}
	}

	@Test
	void blocksOfTheSameTransactionsUnderOneHeaderBothKeepTheHeadersRootInstance() {
		List<Transaction> listed = transactions("two blocks", 3);
		Block mined = Block.assemble(new BlockHeader(1, Hash.ZERO, Hash.ZERO, 1_000, 0x207fffff, 0), listed);

		Block one = new Block(mined.header(), transactions("two blocks", 3));
		Block other = new Block(mined.header(), transactions("two blocks", 3));

		assertThat(one.transactionsRoot()).isSameAs(mined.header().merkleRoot());
		assertThat(other.transactionsRoot()).isSameAs(mined.header().merkleRoot());
	}

	private static List<Transaction> mutate(List<Transaction> block, SplittableRandom random) {
		List<Transaction> mutated = new ArrayList<>(block);
		switch (random.nextInt(5)) {
			case 0 -> mutated.add(mutated.get(mutated.size() - 1));
			case 1 -> mutated.remove(mutated.size() - 1);
			case 2 -> mutated.set(random.nextInt(mutated.size()),
					Transaction.create("eve", "eve", random.nextInt(100), "swapped in", 7, "miner-e"));
			case 3 -> {
				int i = random.nextInt(mutated.size());
				int j = random.nextInt(mutated.size());
				Transaction moved = mutated.get(i);
				mutated.set(i, mutated.get(j));
				mutated.set(j, moved);
			}
			default -> mutated.add(Transaction.create("zed", "amy", 1, "one more", 8, "miner-z"));
		}
		return mutated;
	}

	/** The same {@code count} transactions for the same {@code label}, as new instances every call. */
	private static List<Transaction> transactions(String label, int count) {
		List<Transaction> list = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			list.add(Transaction.create("alice", "bob", i + 1, label + " " + i, 1_000 + i, "miner-1"));
		}
		return list;
	}

}
