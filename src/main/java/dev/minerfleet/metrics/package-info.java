/**
 * Micrometer meters for one miner, under {@code blockchain.}, each series tagged with the
 * {@code miner} common tag that application.yaml sets. The only package that imports Micrometer.
 */
@NullMarked
package dev.minerfleet.metrics;

import org.jspecify.annotations.NullMarked;
