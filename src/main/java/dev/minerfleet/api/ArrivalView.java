package dev.minerfleet.api;

import dev.minerfleet.node.BlockArrivals.Arrival;

/**
 * When a block first came to this miner.
 *
 * @param block the block's hash
 * @param receivedAt milliseconds since the epoch, by this miner's clock
 * @param from the miner that sent it, or this miner's id for a block it mined
 * @param via {@code mined}, {@code newblock} (broadcast as found) or {@code sync} (fetched by catch-up sync)
 * @param orphan whether its parent was unknown when it came
 */
public record ArrivalView(String block, long receivedAt, String from, String via, boolean orphan) {

	static ArrivalView of(Arrival arrival) {
		return new ArrivalView(arrival.hash().hex(), arrival.receivedAt(), arrival.from(), arrival.via().tag(),
				arrival.orphan());
	}

}
