package dev.minerfleet.mining;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NonceStrideTests {

	@Test
	void holdsEveryNonceForASingleSearcher() {
		assertThat(NonceStride.ALL.size()).isEqualTo(1L << 32);
	}

	@Test
	void splitsTheNonceSpaceBetweenThreadsWithoutOverlap() {
		long total = 0;
		for (int thread = 0; thread < 3; thread++) {
			total += new NonceStride(thread, 3).size();
		}
		assertThat(total).isEqualTo(1L << 32);
		assertThat(new NonceStride(0, 3).size()).isEqualTo(1_431_655_766L);
		assertThat(new NonceStride(2, 3).size()).isEqualTo(1_431_655_765L);
	}

	@Test
	void holdsFourNoncesWithAStrideOfAQuarterOfTheSpace() {
		assertThat(new NonceStride(5, 1 << 30).size()).isEqualTo(4);
	}

	@Test
	void rejectsAStartOutsideTheStride() {
		assertThatIllegalArgumentException().isThrownBy(() -> new NonceStride(3, 3));
		assertThatIllegalArgumentException().isThrownBy(() -> new NonceStride(-1, 3));
		assertThatIllegalArgumentException().isThrownBy(() -> new NonceStride(0, 0));
	}

}
