package dev.minerfleet.api;

import java.util.List;

import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.StoredBlock;

/**
 * A block as JSON: every header field the hash is computed from (docs/protocol.md), in the units
 * of the 84-byte header, plus where the block stands on this miner.
 *
 * @param version the header's u32 version
 * @param timestamp milliseconds since the epoch
 * @param bits the compact target as eight lowercase hex digits
 * @param nonce the header's u32 nonce, 0 to 4294967295
 * @param miner the miner the coinbase names
 * @param onActiveChain whether the block is on this miner's active chain now
 * @param confirmations 1 for the tip, 0 off the active chain
 * @param size bytes counted against the block size limit: header plus canonical transactions
 */
public record BlockView(int height, String hash, String previousHash, long version, String merkleRoot,
		long timestamp, String bits, long nonce, String miner, boolean onActiveChain, int confirmations, long size,
		int transactionCount, List<TransactionView> transactions) {

	static BlockView of(StoredBlock block, ChainSnapshot view) {
		BlockHeader header = block.header();
		List<TransactionView> transactions = block.block().transactions().stream().map(TransactionView::of).toList();
		return new BlockView(block.height(), block.hash().hex(), header.previousHash().hex(),
				Integer.toUnsignedLong(header.version()), header.merkleRoot().hex(), header.timestamp(),
				String.format("%08x", header.bits()), Integer.toUnsignedLong(header.nonce()), block.miner(),
				view.contains(block), view.confirmations(block), block.block().size(), transactions.size(),
				transactions);
	}

}
