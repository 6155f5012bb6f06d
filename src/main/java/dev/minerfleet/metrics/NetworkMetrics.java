package dev.minerfleet.metrics;

import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.minerfleet.network.DelayLine;
import dev.minerfleet.network.Drop;
import dev.minerfleet.network.NetworkObserver;
import dev.minerfleet.network.Traffic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * What the simulated network conditions do: {@code blockchain_network_messages_dropped_total{kind,reason}} counts the
 * messages they dropped (kind {@code transaction}, {@code block}, {@code sync} or {@code tip}; reason {@code loss} or
 * {@code partition}), and {@code blockchain_network_messages_held} the messages waiting out their delay now.
 */
@Component
public class NetworkMetrics implements NetworkObserver, MeterBinder {

	private final ObjectProvider<DelayLine> delayLine;

	private volatile @Nullable Map<Traffic, Map<Drop, Counter>> dropped;

	/** @param delayLine looked up when scraped: it hears this observer, so it cannot be a constructor argument */
	public NetworkMetrics(ObjectProvider<DelayLine> delayLine) {
		this.delayLine = delayLine;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Map<Traffic, Map<Drop, Counter>> counters = new EnumMap<>(Traffic.class);
		for (Traffic traffic : Traffic.values()) {
			Map<Drop, Counter> byReason = new EnumMap<>(Drop.class);
			for (Drop reason : Drop.values()) {
				byReason.put(reason, Counter.builder("blockchain.network.messages.dropped")
					.description("Received messages the simulated network conditions dropped")
					.tag("kind", traffic.tag())
					.tag("reason", reason.tag())
					.register(registry));
			}
			counters.put(traffic, byReason);
		}
		Gauge.builder("blockchain.network.messages.held", this, NetworkMetrics::held)
			.description("Received messages waiting out their simulated network delay")
			.register(registry);
		dropped = counters;
	}

	private double held() {
		DelayLine line = delayLine.getIfAvailable();
		return (line != null) ? line.held() : 0;
	}

	@Override
	public void messageDropped(Traffic traffic, Drop reason) {
		Map<Traffic, Map<Drop, Counter>> counters = dropped;
		if (counters != null) {
			counters.get(traffic).get(reason).increment();
		}
	}

}
