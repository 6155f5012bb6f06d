package dev.minerfleet.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Blocks whose parent is not known yet, bounded: when full, the block that arrived first is
 * dropped. Not thread-safe; {@link Blockchain} guards it.
 */
final class OrphanPool {

	private final int capacity;

	private final LinkedHashMap<Hash, Block> byHash = new LinkedHashMap<>();

	private final Map<Hash, Set<Hash>> byParent = new HashMap<>();

	private long evicted;

	OrphanPool(int capacity) {
		this.capacity = capacity;
	}

	boolean contains(Hash hash) {
		return byHash.containsKey(hash);
	}

	/** Adds a block, evicting the oldest if full; false when the pool holds nothing at all. */
	boolean add(Hash hash, Block block) {
		if (capacity == 0) {
			evicted++;
			return false;
		}
		while (byHash.size() >= capacity) {
			Iterator<Map.Entry<Hash, Block>> oldest = byHash.entrySet().iterator();
			Map.Entry<Hash, Block> entry = oldest.next();
			oldest.remove();
			unlinkFromParent(entry.getKey(), entry.getValue());
			evicted++;
		}
		byHash.put(hash, block);
		byParent.computeIfAbsent(block.previousHash(), parent -> new LinkedHashSet<>()).add(hash);
		return true;
	}

	/** Removes and returns the orphans whose parent is {@code parent}, in arrival order. */
	List<Block> takeChildrenOf(Hash parent) {
		Set<Hash> children = byParent.remove(parent);
		if (children == null) {
			return List.of();
		}
		List<Block> blocks = new ArrayList<>(children.size());
		for (Hash child : children) {
			blocks.add(byHash.remove(child));
		}
		return blocks;
	}

	private void unlinkFromParent(Hash hash, Block block) {
		Set<Hash> siblings = byParent.get(block.previousHash());
		if (siblings != null) {
			siblings.remove(hash);
			if (siblings.isEmpty()) {
				byParent.remove(block.previousHash());
			}
		}
	}

	int size() {
		return byHash.size();
	}

	long evicted() {
		return evicted;
	}

}
