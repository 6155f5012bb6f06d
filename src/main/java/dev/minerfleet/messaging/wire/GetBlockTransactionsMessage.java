package dev.minerfleet.messaging.wire;

import java.util.List;
import java.util.Objects;

import dev.minerfleet.chain.Hash;

/**
 * A request for some transactions of a block received in compact form, the JSON message of type {@value #TYPE}
 * published to {@code <prefix>/SYNC/<peer>}, the peer that sent the compact block.
 *
 * @param sender id of the requesting miner, which expects the reply on {@code <prefix>/SYNC/<sender>}
 * @param blockHash the block
 * @param indexes positions of the wanted transactions in the block, strictly ascending
 */
public record GetBlockTransactionsMessage(String sender, Hash blockHash, List<Integer> indexes)
		implements SyncMessage {

	public static final String TYPE = "getblocktxn";

	public GetBlockTransactionsMessage {
		Objects.requireNonNull(sender, "sender");
		Objects.requireNonNull(blockHash, "blockHash");
		indexes = List.copyOf(indexes);
	}

}
