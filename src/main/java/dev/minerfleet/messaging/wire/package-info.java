/**
 * The JSON messages miners exchange over MQTT ({@link dev.minerfleet.messaging.wire.TransactionMessage},
 * {@link dev.minerfleet.messaging.wire.BlockMessage}) and their codec
 * ({@link dev.minerfleet.messaging.wire.WireCodec}). Plain Java and Jackson: no Spring, no MQTT. docs/protocol.md
 * describes the format.
 */
@NullMarked
package dev.minerfleet.messaging.wire;

import org.jspecify.annotations.NullMarked;
