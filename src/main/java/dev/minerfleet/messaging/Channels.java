package dev.minerfleet.messaging;

/** The names of the message channels of the MQTT flows, declared once. */
final class Channels {

	/** Decoded by the transaction flow: raw NEWTRX payloads. */
	static final String NEW_TRANSACTIONS = "newTrxChannel";

	/** Decoded by the block flow: raw NEWBLOCK payloads. */
	static final String NEW_BLOCKS = "newBlockChannel";

	/** Decoded by the sync flow: raw payloads of this miner's SYNC topic, requests and replies. */
	static final String SYNC = "syncChannel";

	/** Encoded messages with their topic, on their way to the MQTT handler. */
	static final String MQTT_OUTBOUND = "mqttOutboundChannel";

	/** Failures of inbound handling, which must never reach the MQTT client's thread. */
	static final String INBOUND_ERRORS = "mqttInboundErrorChannel";

	private Channels() {
	}

}
