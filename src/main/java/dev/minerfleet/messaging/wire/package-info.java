/**
 * The JSON messages miners exchange over MQTT ({@link dev.minerfleet.messaging.wire.TransactionMessage},
 * {@link dev.minerfleet.messaging.wire.BlockMessage}, and for catch-up sync
 * {@link dev.minerfleet.messaging.wire.GetBlocksMessage} and {@link dev.minerfleet.messaging.wire.BlocksMessage}) and
 * their codecs ({@link dev.minerfleet.messaging.wire.WireCodec}, {@link dev.minerfleet.messaging.wire.SyncCodec}).
 * Plain Java and Jackson: no Spring, no MQTT. docs/protocol.md describes the format.
 */
@NullMarked
package dev.minerfleet.messaging.wire;

import org.jspecify.annotations.NullMarked;
