package dev.minerfleet.chain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An immutable view of the active chain at one moment, safe to read from any thread while blocks
 * are added. Taking one is O(1): the writer appends to an array that snapshots share, never
 * writing below the length a published snapshot sees, and copies the array on a reorganisation.
 */
public final class ChainSnapshot {

	private final StoredBlock[] blocks;

	private final int length;

	private final Target nextTarget;

	private final long medianTimePast;

	ChainSnapshot(StoredBlock[] blocks, int length, Target nextTarget, long medianTimePast) {
		this.blocks = blocks;
		this.length = length;
		this.nextTarget = nextTarget;
		this.medianTimePast = medianTimePast;
	}

	public StoredBlock tip() {
		return blocks[length - 1];
	}

	public int height() {
		return length - 1;
	}

	public StoredBlock genesis() {
		return blocks[0];
	}

	public Optional<StoredBlock> at(int height) {
		return (height >= 0 && height < length) ? Optional.of(blocks[height]) : Optional.empty();
	}

	/** Up to {@code limit} blocks from {@code fromHeight} upward, oldest first. */
	public List<StoredBlock> range(int fromHeight, int limit) {
		int from = Math.max(0, fromHeight);
		int to = (int) Math.min(length, (long) from + Math.max(0, limit));
		return (from >= to) ? List.of() : List.of(Arrays.copyOfRange(blocks, from, to));
	}

	/** Whether {@code block} is on this active chain. */
	public boolean contains(StoredBlock block) {
		return block.height() < length && blocks[block.height()].hash().equals(block.hash());
	}

	/** 1 for the tip, 0 when not on this chain. */
	public int confirmations(StoredBlock block) {
		return contains(block) ? length - block.height() : 0;
	}

	/** The target the next block on the tip must carry. */
	public Target nextTarget() {
		return nextTarget;
	}

	/** A block on the tip must have a timestamp above this. */
	public long medianTimePast() {
		return medianTimePast;
	}

	/** Total work of the active chain. */
	public java.math.BigInteger chainWork() {
		return tip().chainWork();
	}

}
