/**
 * Support for broker tests: {@link dev.minerfleet.testsupport.TestBroker}, a JUnit extension that finds or
 * starts a real MQTT broker once per JVM, and {@link dev.minerfleet.testsupport.RawMqttClient}, a plain Paho v3
 * client that tests use to watch and drive the wire independently of the application's messaging code.
 */
@NullMarked
package dev.minerfleet.testsupport;

import org.jspecify.annotations.NullMarked;
