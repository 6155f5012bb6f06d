package dev.minerfleet.mining;

import java.time.InstantSource;
import java.util.Optional;

import dev.minerfleet.chain.Block;
import dev.minerfleet.mining.NonceSearch.Cancelled;
import dev.minerfleet.mining.NonceSearch.Found;

/**
 * Mines a {@link BlockTemplate} into a block: searches the nonces of one {@link NonceStride}; when they run out,
 * changes the header and searches again, until a hash meets the target or the search is cancelled.
 *
 * <p>
 * A header changes by taking the clock's timestamp when it has moved past the header's, otherwise by raising the
 * coinbase's extra nonce (a new coinbase, so a new merkle root). Both only ever grow, so no header is searched twice;
 * and since the stride stays, threads sharing one template on different strides never repeat each other's work.
 * Not thread-safe: one per mining thread.
 */
public final class ProofOfWork {

	private final NonceSearch search;

	private final InstantSource clock;

	public ProofOfWork(NonceSearch search, InstantSource clock) {
		this.search = search;
		this.clock = clock;
	}

	/**
	 * Mines {@code template} on the nonces of {@code stride}.
	 * @return the block whose hash meets the template's target, or empty when cancelled
	 */
	public Optional<Block> mine(BlockTemplate template, NonceStride stride, Cancellation cancellation) {
		long extraNonce = 0;
		Block block = template.assemble(clock, extraNonce);
		while (true) {
			NonceSearch.Result result = search.search(block.header(), template.target(), stride, cancellation);
			if (result instanceof Found found) {
				return Optional.of(block.withHeader(found.header()));
			}
			if (result instanceof Cancelled) {
				return Optional.empty();
			}
			long timestamp = template.timestamp(clock);
			if (timestamp > block.header().timestamp()) {
				block = template.assemble(timestamp, extraNonce);
			}
			else {
				extraNonce++;
				block = template.assemble(block.header().timestamp(), extraNonce);
			}
		}
	}

}
