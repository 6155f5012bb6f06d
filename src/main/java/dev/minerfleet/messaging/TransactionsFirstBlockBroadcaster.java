package dev.minerfleet.messaging;

import java.util.Set;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.node.BlockBroadcaster;

/**
 * The node's block broadcaster: sends the transactions the {@link TransactionBatcher} still holds, then the block. A
 * block this miner found may include transactions it made in the last few milliseconds; sent first, they reach the
 * other miners before the block does (one connection, one broker, one delivery thread a miner: MQTT keeps the order),
 * so a compact block finds them in the receivers' mempools instead of costing a round trip to ask for them.
 */
final class TransactionsFirstBlockBroadcaster implements BlockBroadcaster {

	private final TransactionBatcher transactions;

	private final BlockBroadcaster blocks;

	TransactionsFirstBlockBroadcaster(TransactionBatcher transactions, BlockBroadcaster blocks) {
		this.transactions = transactions;
		this.blocks = blocks;
	}

	@Override
	public void broadcast(StoredBlock block, Set<Hash> sendWhole) {
		transactions.flush();
		blocks.broadcast(block, sendWhole);
	}

}
