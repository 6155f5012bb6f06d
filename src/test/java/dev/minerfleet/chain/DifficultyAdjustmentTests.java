package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.minerfleet.chain.AddResult.Extended;
import dev.minerfleet.chain.AddResult.Rejected;
import dev.minerfleet.chain.validation.Violation.Reason;

class DifficultyAdjustmentTests {

	/** Retarget every 5 blocks toward 1 s; blocks start at 8 leading zero bits. */
	private static final ChainParameters RETARGETING = TestChain.PARAMETERS
		.withInitialTarget(Target.ofLeadingZeroBits(8))
		.withRetargeting(5, Duration.ofSeconds(1));

	private final DifficultyAdjustment adjustment = new DifficultyAdjustment(RETARGETING);

	@Test
	void blocksTwiceAsFastAsWantedHalveTheTarget() {
		Target before = Target.ofLeadingZeroBits(8);
		Target after = adjustment.retarget(before, 2_000, 4);
		assertThat(after.value()).isEqualTo(Target.fromValue(before.value().divide(BigInteger.TWO)).value());
		assertThat(after.leadingZeroBits()).isEqualTo(9);
	}

	@Test
	void clampsTheAdjustmentToAFactorOfFourEitherWay() {
		Target before = Target.ofLeadingZeroBits(8);
		assertThat(adjustment.retarget(before, 1, 4))
			.isEqualTo(Target.fromValue(before.value().divide(BigInteger.valueOf(4))));
		assertThat(adjustment.retarget(before, 1_000_000, 4))
			.isEqualTo(Target.fromValue(before.value().multiply(BigInteger.valueOf(4))));
		Target easiest = RETARGETING.easiestTarget();
		assertThat(easiest.leadingZeroBits()).isEqualTo(0);
		assertThat(adjustment.retarget(easiest, 1_000_000, 4)).isEqualTo(easiest);
	}

	@Test
	void retargetsOnlyAtMultiplesOfTheInterval() {
		assertThat(adjustment.isRetargetHeight(5)).isTrue();
		assertThat(adjustment.isRetargetHeight(10)).isTrue();
		assertThat(adjustment.isRetargetHeight(4)).isFalse();
		assertThat(adjustment.isRetargetHeight(0)).isFalse();
		assertThat(new DifficultyAdjustment(TestChain.PARAMETERS).isRetargetHeight(5)).isFalse();
	}

	@Test
	void twoMinersComputeTheSameTargetsAndAcceptTheSameFastChain() {
		TestChain fixture = new TestChain(RETARGETING);
		Blockchain first = fixture.newBlockchain();
		Blockchain second = fixture.newBlockchain();
		List<Target> targets = new ArrayList<>();
		Block parent = fixture.genesis();
		for (int height = 1; height <= 12; height++) {
			Target expected = first.snapshot().nextTarget();
			assertThat(second.snapshot().nextTarget()).isEqualTo(expected);
			targets.add(expected);
			// 250 ms apart: four times faster than wanted
			Block block = fixture.block(parent, "m", parent.header().timestamp() + 250, expected, List.of());
			assertThat(first.add(block)).isInstanceOf(Extended.class);
			assertThat(second.add(block)).isInstanceOf(Extended.class);
			parent = block;
		}
		// heights 1-4 initial; 5-9 after the first window; 10-12 after the second
		assertThat(targets.subList(0, 4)).containsOnly(Target.ofLeadingZeroBits(8));
		assertThat(targets.get(4).value()).isLessThan(targets.get(3).value());
		assertThat(targets.subList(4, 9)).containsOnly(targets.get(4));
		assertThat(targets.get(9).value()).isLessThan(targets.get(8).value());
		assertThat(first.snapshot().tip().chainWork()).isEqualTo(second.snapshot().tip().chainWork());
	}

	@Test
	void rejectsABlockThatKeepsTheOldTargetAtARetargetHeight() {
		TestChain fixture = new TestChain(RETARGETING);
		Blockchain chain = fixture.newBlockchain();
		Block parent = fixture.genesis();
		for (int height = 1; height <= 4; height++) {
			parent = fixture.block(parent, "m", parent.header().timestamp() + 250, Target.ofLeadingZeroBits(8),
					List.of());
			chain.add(parent);
		}
		Block stale = fixture.block(parent, "m", parent.header().timestamp() + 250, Target.ofLeadingZeroBits(8),
				List.of());

		AddResult result = chain.add(stale);

		assertThat(result).isInstanceOfSatisfying(Rejected.class,
				rejected -> assertThat(rejected.violation().reason()).isEqualTo(Reason.WRONG_TARGET));
		assertThat(chain.snapshot().height()).isEqualTo(4);
	}

}
