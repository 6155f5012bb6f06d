package dev.minerfleet.api;

import java.util.List;

/**
 * A page of the active chain.
 *
 * @param height height of the tip
 * @param tip hash of the tip
 * @param blocks the requested blocks, oldest first
 */
public record ChainView(int height, String tip, List<BlockView> blocks) {

}
