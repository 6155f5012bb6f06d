/**
 * This miner's blocks on disk: an append-only log of checksummed records in its data directory
 * ({@link dev.minerfleet.storage.BlockLog}, docs/adr/0004-block-log.md), behind the node's
 * {@link dev.minerfleet.node.BlockArchive} port.
 */
@NullMarked
package dev.minerfleet.storage;

import org.jspecify.annotations.NullMarked;
