package dev.minerfleet.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Sha256;
import dev.minerfleet.fleet.FleetCheck.FleetReport;
import dev.minerfleet.fleet.FleetCheck.MinerReport;
import dev.minerfleet.fleet.FleetCheck.TipHeights;

class FleetReportTests {

	private static final List<Hash> TRUNK = hashes("trunk", 10);

	@Test
	void tipHeightsTellHowFarApartTheMinersAre() {
		TipHeights tips = new TipHeights(List.of(141, 148, 143), Duration.ofMillis(37));
		assertThat(tips.lowest()).isEqualTo(141);
		assertThat(tips.highest()).isEqualTo(148);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		tips.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), 50);
		assertThat(bytes.toString(StandardCharsets.UTF_8))
			.contains("3 of 50 miners answered within 37 ms", "lowest 141, highest 148, 7 apart");
	}

	@Test
	void tipHeightsWithNoAnswerSaySo() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		new TipHeights(List.of(), Duration.ZERO).print(new PrintStream(bytes, true, StandardCharsets.UTF_8), 4);
		assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("none of the 4 miners answered");
	}

	@Test
	void minersBehindOnTheSameBranchAreNotAFork() {
		FleetReport report = FleetCheck.summarize(List.of(miner("a", TRUNK.subList(0, 10)),
				miner("b", TRUNK.subList(0, 8)), miner("c", TRUNK.subList(0, 9))));
		assertThat(report.agreedHeight()).isEqualTo(7);
		assertThat(report.tips()).containsOnlyKeys(TRUNK.get(9));
		assertThat(report.tips().get(TRUNK.get(9))).containsExactly("a", "b", "c");
		assertThat(report.allValid()).isTrue();
	}

	@Test
	void twoBranchesAboveTheForkPointAreReportedWithTheirMiners() {
		List<Hash> left = concat(TRUNK.subList(0, 6), hashes("left", 2));
		List<Hash> right = concat(TRUNK.subList(0, 6), hashes("right", 3));
		FleetReport report = FleetCheck.summarize(List.of(miner("a", left), miner("b", right),
				miner("c", right.subList(0, 7)), miner("d", TRUNK.subList(0, 5))));
		assertThat(report.agreedHeight()).isEqualTo(4);
		assertThat(report.tips()).hasSize(2);
		assertThat(report.tips().get(left.get(7))).containsExactly("a", "d");
		assertThat(report.tips().get(right.get(8))).containsExactly("b", "c", "d");
	}

	@Test
	void anInvalidOrUnreachableMinerFailsTheCheck() {
		MinerReport invalid = new MinerReport(URI.create("http://x:1"), "x", TRUNK, Optional.of("PROOF_OF_WORK"),
				Optional.empty());
		MinerReport gone = new MinerReport(URI.create("http://y:1"), "y", List.of(), Optional.empty(),
				Optional.of("connection refused"));
		assertThat(FleetCheck.summarize(List.of(miner("a", TRUNK), invalid)).allValid()).isFalse();
		FleetReport withGone = FleetCheck.summarize(List.of(miner("a", TRUNK), gone));
		assertThat(withGone.allValid()).isFalse();
		assertThat(withGone.agreedHeight()).isEqualTo(9);
		MinerReport badGenesis = new MinerReport(URI.create("http://z:1"), "z", List.of(),
				Optional.of("block #0 claims hash 1234 but its header hashes to 5678"), Optional.empty());
		FleetReport withBadGenesis = FleetCheck.summarize(List.of(miner("a", TRUNK), badGenesis));
		assertThat(withBadGenesis.allValid()).isFalse();
		assertThat(withBadGenesis.tips()).containsOnlyKeys(TRUNK.get(9));
	}

	@Test
	void printsEachMinersShareOfTheHashRateBesideItsShareOfTheAgreedChain() {
		// blocks #1..#9 of the trunk: a found 6, b 3; the chain holds genesis first
		List<String> finders = List.of("", "a", "a", "b", "a", "a", "b", "a", "b", "a");
		MinerReport a = new MinerReport(URI.create("http://a:1"), "a", TRUNK, Optional.empty(), Optional.empty(),
				Optional.empty(), finders, 300_000);
		MinerReport b = new MinerReport(URI.create("http://b:1"), "b", TRUNK, Optional.empty(), Optional.empty(),
				Optional.empty(), finders, 100_000);
		ByteArrayOutputStream text = new ByteArrayOutputStream();

		MinerReport gone = new MinerReport(URI.create("http://gone:1"), "gone", List.of(), Optional.empty(),
				Optional.of("connection refused"));
		FleetCheck.summarize(List.of(a, b, gone)).print(new PrintStream(text, true, StandardCharsets.UTF_8));

		assertThat(text.toString(StandardCharsets.UTF_8)).contains(
				"Hash power and blocks of the agreed chain (#1..#9):",
				"a                  300,000   75.0%        6   66.7%",
				"b                  100,000   25.0%        3   33.3%");
		// a miner that did not answer has no row: its hash rate is unknown, not zero
		assertThat(text.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("gone "))).hasSize(1);
	}

	@Test
	void printsNoSharesWhenNoHashRateIsKnown() {
		ByteArrayOutputStream text = new ByteArrayOutputStream();

		FleetCheck.summarize(List.of(miner("a", TRUNK))).print(new PrintStream(text, true, StandardCharsets.UTF_8));

		assertThat(text.toString(StandardCharsets.UTF_8)).doesNotContain("Hash power");
	}

	@Test
	void aMinerWithOtherChainSettingsIsInvalidEvenOnTheSameGenesis() {
		MinerReport a = new MinerReport(URI.create("http://a:1"), "a", TRUNK, Optional.empty(), Optional.empty(),
				Optional.of("{\"retargetInterval\":20}"), List.of(), 0);
		MinerReport b = new MinerReport(URI.create("http://b:1"), "b", TRUNK, Optional.empty(), Optional.empty(),
				Optional.of("{\"retargetInterval\":10}"), List.of(), 0);
		List<MinerReport> compared = FleetCheck.withParametersCompared(List.of(a, b));
		assertThat(compared.get(0).invalid()).isEmpty();
		assertThat(compared.get(1).invalid()).hasValueSatisfying(
				reason -> assertThat(reason).contains("differ from a's"));
	}

	private static MinerReport miner(String id, List<Hash> chain) {
		return new MinerReport(URI.create("http://" + id + ":8081"), id, chain, Optional.empty(), Optional.empty());
	}

	private static List<Hash> hashes(String seed, int count) {
		List<Hash> hashes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			hashes.add(Sha256.sha256((seed + i).getBytes(StandardCharsets.UTF_8)));
		}
		return hashes;
	}

	private static List<Hash> concat(List<Hash> a, List<Hash> b) {
		List<Hash> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

}
