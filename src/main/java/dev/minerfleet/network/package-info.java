/**
 * Simulated network conditions on a miner's inbound side: a fixed delay plus jitter, message loss and partitions,
 * set at start-up ({@code network.*}) and replaced at run time (PUT /admin/network). The model
 * ({@link dev.minerfleet.network.NetworkConditions}, {@link dev.minerfleet.network.Partitions},
 * {@link dev.minerfleet.network.JitterDistribution}) is pure Java; {@link dev.minerfleet.network.NetworkControl} holds
 * the current conditions and {@link dev.minerfleet.network.DelayLine} applies them to what messaging receives. Knows
 * no other feature: messaging applies it, api changes it, metrics counts its drops.
 */
@NullMarked
package dev.minerfleet.network;

import org.jspecify.annotations.NullMarked;
