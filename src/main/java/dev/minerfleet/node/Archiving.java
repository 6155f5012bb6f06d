package dev.minerfleet.node;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.AddResult.Orphaned;
import dev.minerfleet.chain.AddResult.Rejected;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainListener;
import dev.minerfleet.chain.StoredBlock;

/**
 * Brings a ledger back from its archive, then keeps every block that joins its tree there. The
 * stored blocks go through {@link Ledger#submitBlock} like any received block: full validation and
 * fork choice, so a damaged or foreign block is skipped (logged), never trusted.
 */
final class Archiving {

	private static final Logger log = LoggerFactory.getLogger(Archiving.class);

	private Archiving() {
	}

	/**
	 * Replays the archive into {@code ledger}, which must be fresh and not yet shared, then makes
	 * the archive keep every block accepted from now on. The replayed blocks are not kept again.
	 * @return how many stored blocks joined the tree
	 */
	static int restoreAndKeep(Ledger ledger, BlockArchive archive) {
		long start = System.nanoTime();
		List<Block> stored = archive.storedBlocks();
		int loaded = 0;
		int skipped = 0;
		for (Block block : stored) {
			AddResult result = ledger.submitBlock(block);
			if (result instanceof Rejected rejected) {
				skipped++;
				log.warn("Skipped stored block {}: {} ({})", rejected.hash().abbreviated(),
						rejected.violation().reason(), rejected.violation().detail());
			}
			else if (result instanceof Orphaned orphan) {
				skipped++;
				log.warn("Skipped stored block {}: parent {} unknown", orphan.hash().abbreviated(),
						orphan.missingParent().abbreviated());
			}
			else {
				loaded++;
			}
		}
		StoredBlock tip = ledger.chain().snapshot().tip();
		log.info("Loaded {} blocks from {} in {} ms, tip #{} {}{}", loaded, archive.location(),
				(System.nanoTime() - start) / 1_000_000, tip.height(), tip.hash().abbreviated(),
				(skipped > 0) ? " (" + skipped + " skipped)" : "");
		ledger.chain().addListener(new ChainListener() {
			@Override
			public void blockAccepted(StoredBlock block) {
				archive.keep(block.block());
			}
		});
		return loaded;
	}

}
