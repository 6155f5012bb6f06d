package dev.minerfleet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import dev.minerfleet.network.DelayLine;
import dev.minerfleet.network.Drop;
import dev.minerfleet.network.JitterDistribution;
import dev.minerfleet.network.NetworkConditions;
import dev.minerfleet.network.NetworkControl;
import dev.minerfleet.network.Partitions;
import dev.minerfleet.network.Traffic;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class NetworkMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private double dropped(String kind, String reason) {
		return registry.get("blockchain.network.messages.dropped").tag("kind", kind).tag("reason", reason).counter()
			.count();
	}

	@Test
	void countsDropsByKindAndReasonFromZero() {
		NetworkMetrics metrics = new NetworkMetrics(new StaticListableBeanFactory().getBeanProvider(DelayLine.class));
		metrics.bindTo(registry);

		metrics.messageDropped(Traffic.BLOCK, Drop.PARTITION);
		metrics.messageDropped(Traffic.BLOCK, Drop.PARTITION);
		metrics.messageDropped(Traffic.TIP, Drop.LOSS);

		assertThat(dropped("block", "partition")).isEqualTo(2);
		assertThat(dropped("tip", "loss")).isEqualTo(1);
		assertThat(dropped("transaction", "loss")).isZero();
		assertThat(dropped("sync", "partition")).isZero();
		assertThat(registry.get("blockchain.network.messages.held").gauge().value()).isZero();
	}

	@Test
	void showsTheMessagesWaitingOutTheirDelay() {
		NetworkControl control = new NetworkControl(new NetworkConditions(Duration.ofHours(1), Duration.ZERO,
				JitterDistribution.UNIFORM, 0, Partitions.NONE));
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		NetworkMetrics metrics = new NetworkMetrics(beans.getBeanProvider(DelayLine.class));
		try (DelayLine line = new DelayLine("miner-1", control, new SplittableRandom(1), System::nanoTime,
				List.of(metrics))) {
			beans.addBean("delayLine", line);
			metrics.bindTo(registry);

			line.convey("miner-2", Traffic.BLOCK, () -> {
			});
			line.convey("miner-3", Traffic.TRANSACTION, () -> {
			});

			assertThat(registry.get("blockchain.network.messages.held").gauge().value()).isEqualTo(2);
		}
	}

}
