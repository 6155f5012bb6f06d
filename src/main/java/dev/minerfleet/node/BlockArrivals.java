package dev.minerfleet.node;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.AddResult.Extended;
import dev.minerfleet.chain.AddResult.Orphaned;
import dev.minerfleet.chain.AddResult.Reorganized;
import dev.minerfleet.chain.AddResult.SideChain;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;

/**
 * When this miner first had each recent block, and from whom: the block it mined, the NEWBLOCK message or the sync
 * reply that brought it. Bounded: the oldest records go first once {@link #CAPACITY} blocks are recorded. A block
 * that came before its parent is recorded when it came, as an orphan; blocks restored from the data directory at
 * start-up are not recorded. Thread-safe.
 */
public final class BlockArrivals implements NodeObserver {

	/** Blocks remembered: several hours of a fleet's blocks at one every few seconds. */
	public static final int CAPACITY = 4096;

	private final String minerId;

	private final InstantSource clock;

	private final int capacity;

	private final LinkedHashMap<Hash, Arrival> arrivals;

	private final List<Consumer<Arrival>> listeners = new CopyOnWriteArrayList<>();

	/**
	 * One block's first arrival here.
	 *
	 * @param receivedAt milliseconds since the epoch, by this miner's clock
	 * @param from the sender's miner id, or this miner's id for a block it mined
	 * @param via how it came
	 * @param orphan whether its parent was unknown when it came, so it waited in the orphan pool
	 */
	public record Arrival(Hash hash, long receivedAt, String from, Via via, boolean orphan) {
	}

	/** How a block came to this miner. */
	public enum Via {

		/** Found here. */
		MINED,
		/** Broadcast as it was found (NEWBLOCK). */
		NEWBLOCK,
		/** Fetched by catch-up sync. */
		SYNC;

		public String tag() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	public BlockArrivals(String minerId, InstantSource clock) {
		this(minerId, clock, CAPACITY);
	}

	BlockArrivals(String minerId, InstantSource clock, int capacity) {
		this.minerId = minerId;
		this.clock = clock;
		this.capacity = capacity;
		this.arrivals = new LinkedHashMap<>(16, 0.75f, false) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<Hash, Arrival> eldest) {
				return size() > BlockArrivals.this.capacity;
			}
		};
	}

	@Override
	public void blockMined(StoredBlock block) {
		record(block.hash(), minerId, Via.MINED, false);
	}

	@Override
	public void blockReceived(String from, AddResult result, Optional<Duration> propagationDelay) {
		Via via = propagationDelay.isPresent() ? Via.NEWBLOCK : Via.SYNC;
		if (result instanceof Extended extended) {
			// the received block, then any orphans it let connect: those were recorded when they came
			extended.connected().forEach(block -> record(block.hash(), from, via, false));
		}
		else if (result instanceof Reorganized reorg) {
			reorg.connected().forEach(block -> record(block.hash(), from, via, false));
		}
		else if (result instanceof SideChain side) {
			record(side.block().hash(), from, via, false);
		}
		else if (result instanceof Orphaned orphan) {
			record(orphan.hash(), from, via, true);
		}
	}

	private void record(Hash hash, String from, Via via, boolean orphan) {
		Arrival arrival;
		synchronized (this) {
			if (arrivals.containsKey(hash)) {
				return;
			}
			arrival = new Arrival(hash, clock.millis(), from, via, orphan);
			arrivals.put(hash, arrival);
		}
		listeners.forEach(listener -> listener.accept(arrival));
	}

	/** Hears each first arrival once it is recorded, on the thread that recorded it; must be quick. */
	public void addListener(Consumer<Arrival> listener) {
		listeners.add(listener);
	}

	public synchronized Optional<Arrival> of(Hash hash) {
		return Optional.ofNullable(arrivals.get(hash));
	}

	/** The latest {@code limit} arrivals, newest first. */
	public synchronized List<Arrival> latest(int limit) {
		List<Arrival> all = new ArrayList<>(arrivals.values());
		List<Arrival> latest = new ArrayList<>(Math.min(limit, all.size()));
		for (int i = all.size() - 1; i >= 0 && latest.size() < limit; i--) {
			latest.add(all.get(i));
		}
		return latest;
	}

}
