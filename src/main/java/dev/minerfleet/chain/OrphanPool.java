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
 * Blocks whose parent is not known yet, bounded in count and in bytes: when full, the blocks that
 * arrived first are dropped. Not thread-safe; {@link Blockchain} guards it.
 */
final class OrphanPool {

	private final int capacity;

	private final long maxBytes;

	private long bytes;

	private final LinkedHashMap<Hash, Block> byHash = new LinkedHashMap<>();

	private final Map<Hash, Set<Hash>> byParent = new HashMap<>();

	private long evicted;

	OrphanPool(int capacity, long maxBytes) {
		this.capacity = capacity;
		this.maxBytes = maxBytes;
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
		long size = block.size();
		while (!byHash.isEmpty() && (byHash.size() >= capacity || bytes + size > maxBytes)) {
			Iterator<Map.Entry<Hash, Block>> oldest = byHash.entrySet().iterator();
			Map.Entry<Hash, Block> entry = oldest.next();
			oldest.remove();
			bytes -= entry.getValue().size();
			unlinkFromParent(entry.getKey(), entry.getValue());
			evicted++;
		}
		byHash.put(hash, block);
		bytes += size;
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
			Block block = byHash.remove(child);
			bytes -= block.size();
			blocks.add(block);
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

	/** The waiting blocks, oldest arrival first. */
	List<Block> blocks() {
		return List.copyOf(byHash.values());
	}

	int size() {
		return byHash.size();
	}

	long evicted() {
		return evicted;
	}

}
