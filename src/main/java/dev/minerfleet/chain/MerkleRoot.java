package dev.minerfleet.chain;

import java.util.ArrayList;
import java.util.List;

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
		List<Hash> level = new ArrayList<>(transactions.size());
		for (Transaction tx : transactions) {
			level.add(tx.id());
		}
		return ofIds(level);
	}

	public static Hash ofIds(List<Hash> ids) {
		if (ids.isEmpty()) {
			return Hash.ZERO;
		}
		List<Hash> level = ids;
		while (level.size() > 1) {
			List<Hash> next = new ArrayList<>((level.size() + 1) / 2);
			for (int i = 0; i < level.size(); i += 2) {
				Hash left = level.get(i);
				Hash right = (i + 1 < level.size()) ? level.get(i + 1) : left;
				next.add(Sha256.doubleSha256(left, right));
			}
			level = next;
		}
		return level.get(0);
	}

}
