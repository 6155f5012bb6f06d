/**
 * MQTT between miners: one Paho v3 connection per miner shared by the inbound and outbound adapters, the inbound
 * flow (route by topic, decode, drop own echoes, hand to {@link dev.minerfleet.node.ChainService}), the outbound
 * gateway behind the node's broadcaster ports, and the connection's health. The JSON format lives in
 * {@code wire}.
 */
@NullMarked
package dev.minerfleet.messaging;

import org.jspecify.annotations.NullMarked;
