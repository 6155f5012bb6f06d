package dev.minerfleet.chain;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Bitcoin's merkle rule over transaction ids: the leaves are the ids in block order; each level
 * pairs neighbours and hashes {@code doubleSha256(left || right)}; a level with an odd count pairs
 * its last node with itself; the single node left is the root. One transaction: the root is its
 * id. No transactions: {@link Hash#ZERO} (never valid in a block, which always has a coinbase).
 *
 * <p>
 * Bitcoin's duplicated-last-node rule lets two different lists share a root (CVE-2012-2459);
 * blocks with a repeated transaction id are rejected, which closes that door.
 */
public final class MerkleRoot {

	private MerkleRoot() {
	}

	public static Hash of(List<Transaction> transactions) {
		return root(transactions.size(), i -> transactions.get(i).id());
	}

	public static Hash ofIds(List<Hash> ids) {
		return root(ids.size(), ids::get);
	}

	private static Hash root(int count, IntFunction<Hash> leaf) {
		if (count == 0) {
			return Hash.ZERO;
		}
		byte[] level = new byte[count * Hash.LENGTH];
		for (int i = 0; i < count; i++) {
			leaf.apply(i).copyTo(level, i * Hash.LENGTH);
		}
		return root(level, count);
	}

	/**
	 * The root over the {@code count} nodes laid end to end in {@code level}, which it overwrites level by level: node
	 * {@code i} of the next level goes where node {@code i} was, once nodes {@code 2i} and {@code 2i + 1}, at or after
	 * it, are hashed. One array and one digest for the whole tree, no object per inner node: the merkle root is
	 * computed for every block received, rebuilt and mined, over thousands of transactions (docs/benchmarks.md,
	 * "Block propagation").
	 */
	private static Hash root(byte[] level, int count) {
		Sha256.PairHasher hasher = Sha256.pairHasher();
		for (int nodes = count; nodes > 1; nodes = (nodes + 1) / 2) {
			for (int i = 0; 2 * i < nodes; i++) {
				int left = 2 * i;
				int right = Math.min(left + 1, nodes - 1);
				hasher.hash(level, left * Hash.LENGTH, right * Hash.LENGTH, level, i * Hash.LENGTH);
			}
		}
		return Hash.of(level, 0);
	}

}
