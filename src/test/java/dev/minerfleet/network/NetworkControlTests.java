package dev.minerfleet.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class NetworkControlTests {

	@Test
	void tellsItsListenersWhenTheGroupsChangeAndOnlyThen() {
		NetworkControl control = new NetworkControl(NetworkConditions.NONE);
		AtomicInteger changes = new AtomicInteger();
		control.onPartitionsChanged(changes::incrementAndGet);
		NetworkConditions split = NetworkConditions.NONE.withPartitions(Partitions.parse(List.of("a;b")));

		control.replace(split);
		control.replace(new NetworkConditions(Duration.ofMillis(300), Duration.ZERO, JitterDistribution.UNIFORM, 0,
				split.partitions()));

		assertThat(changes).hasValue(1);

		NetworkConditions previous = control.replace(NetworkConditions.NONE);

		assertThat(changes).hasValue(2);
		assertThat(previous.delay()).isEqualTo(Duration.ofMillis(300));
		assertThat(control.current()).isEqualTo(NetworkConditions.NONE);
	}

}
