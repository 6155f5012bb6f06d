package dev.minerfleet.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PartitionsTests {

	@Test
	void letsEveryoneHearEveryoneWithoutGroups() {
		assertThat(Partitions.NONE.connects("miner-1", "miner-2")).isTrue();
		assertThat(Partitions.parse(List.of()).connects("miner-1", "miner-2")).isTrue();
	}

	@Test
	void letsMinersOfOneGroupHearEachOtherOnly() {
		Partitions split = Partitions.parse(List.of("a,b;c,d"));

		assertThat(split.connects("a", "b")).isTrue();
		assertThat(split.connects("b", "a")).isTrue();
		assertThat(split.connects("c", "d")).isTrue();
		assertThat(split.connects("a", "c")).isFalse();
		assertThat(split.connects("d", "b")).isFalse();
	}

	@Test
	void putsTheMinersNoGroupNamesTogetherInOneMoreGroup() {
		// [a, b] against the rest of the fleet
		Partitions cut = Partitions.parse(List.of("a,b"));

		assertThat(cut.connects("x", "y")).as("two unnamed miners").isTrue();
		assertThat(cut.connects("a", "x")).as("a named miner hears no unnamed one").isFalse();
		assertThat(cut.connects("x", "a")).as("an unnamed miner hears no named one").isFalse();
		assertThat(cut.connects("a", "b")).isTrue();
	}

	@Test
	void isolatesAMinerInAGroupOfItsOwn() {
		Partitions isolated = Partitions.parse(List.of("a"));

		assertThat(isolated.connects("a", "b")).isFalse();
		assertThat(isolated.connects("b", "a")).isFalse();
		assertThat(isolated.connects("b", "c")).isTrue();
		assertThat(isolated.connects("a", "a")).isTrue();
	}

	@Test
	void letsAMinerInTwoGroupsBridgeThemWithoutJoiningThem() {
		Partitions bridge = Partitions.parse(List.of("a,b", "b,c"));

		assertThat(bridge.connects("b", "a")).isTrue();
		assertThat(bridge.connects("b", "c")).isTrue();
		assertThat(bridge.connects("a", "c")).isFalse();
		assertThat(bridge.connects("c", "a")).isFalse();
	}

	@Test
	void readsGroupsSplitBySemicolonsAndIdsByCommasInOneTextOrSeveral() {
		Partitions expected = new Partitions(List.of(Set.of("miner-1", "miner-2"), Set.of("miner-3")));

		assertThat(Partitions.parse(List.of("miner-1,miner-2;miner-3"))).isEqualTo(expected);
		assertThat(Partitions.parse(List.of("miner-1,miner-2", "miner-3"))).isEqualTo(expected);
		assertThat(Partitions.parse(List.of(" miner-1 , miner-2 ;; miner-3 ;", ""))).isEqualTo(expected);
		assertThat(Partitions.of(List.of(List.of("miner-1", "miner-2", "miner-1"), List.of("miner-3"))))
			.isEqualTo(expected);
	}

	@Test
	void printsItselfInTheSyntaxItReads() {
		Partitions partitions = Partitions.parse(List.of("miner-1,miner-2;miner-3"));

		assertThat(partitions).hasToString("miner-1,miner-2;miner-3");
		assertThat(Partitions.parse(List.of(partitions.toString()))).isEqualTo(partitions);
		assertThat(Partitions.NONE).hasToString("none");
	}

	@Test
	void refusesAnEmptyGroupOrSomethingThatIsNotAMinerId() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Partitions(List.of(Set.of())))
			.withMessage("a partition group must name at least one miner");
		assertThatIllegalArgumentException().isThrownBy(() -> Partitions.parse(List.of("miner 1,miner-2")))
			.withMessage("partitions must hold miner ids (1 to 64 letters, digits, '.', '-' or '_'), got 'miner 1'");
	}

}
