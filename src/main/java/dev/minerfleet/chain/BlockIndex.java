package dev.minerfleet.chain;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A key (a coin) to the valid blocks, on any branch, that hold it, in the order they were stored. Read from any
 * thread; written by the chain's single writer.
 *
 * <p>Almost every key is held by one block, so one block is kept as it is and only a key held on several branches
 * gets an array. Transaction ids, which every block holds hundreds of, have an index of their own that the collector
 * does not have to look into ({@link TransactionIndex}).
 */
final class BlockIndex<K> {

	/** A {@link StoredBlock}, or a {@code StoredBlock[]} of two or more. */
	private final Map<K, Object> holders = new ConcurrentHashMap<>();

	void add(K key, StoredBlock block) {
		holders.merge(key, block, BlockIndex::append);
	}

	private static Object append(Object held, Object block) {
		if (held instanceof StoredBlock one) {
			return new StoredBlock[] { one, (StoredBlock) block };
		}
		StoredBlock[] many = (StoredBlock[]) held;
		StoredBlock[] more = Arrays.copyOf(many, many.length + 1);
		more[many.length] = (StoredBlock) block;
		return more;
	}

	/** The first block holding {@code key} that passes {@code test}; allocates nothing when there is none. */
	Optional<StoredBlock> first(K key, Predicate<StoredBlock> test) {
		Object held = holders.get(key);
		if (held instanceof StoredBlock one) {
			return test.test(one) ? Optional.of(one) : Optional.empty();
		}
		if (held != null) {
			for (StoredBlock block : (StoredBlock[]) held) {
				if (test.test(block)) {
					return Optional.of(block);
				}
			}
		}
		return Optional.empty();
	}

	/** Every block holding {@code key}. */
	List<StoredBlock> all(K key) {
		Object held = holders.get(key);
		if (held instanceof StoredBlock one) {
			return List.of(one);
		}
		return held == null ? List.of() : List.of((StoredBlock[]) held);
	}

}
