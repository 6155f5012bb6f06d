package dev.minerfleet.messaging;

import org.springframework.integration.annotation.MessagingGateway;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.messaging.handler.annotation.Header;

/** The way out to the broker: encoded messages go to {@value Channels#MQTT_OUTBOUND} and on to the MQTT handler. */
@MessagingGateway(name = "mqttGateway", defaultRequestChannel = Channels.MQTT_OUTBOUND)
interface MqttGateway {

	/**
	 * Publishes {@code payload} to {@code topic} at the configured QoS, asynchronously.
	 * @throws org.springframework.messaging.MessagingException if the client is not connected
	 */
	void publish(byte[] payload, @Header(MqttHeaders.TOPIC) String topic);

}
