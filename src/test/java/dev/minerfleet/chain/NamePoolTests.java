package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class NamePoolTests {

	@Test
	void transactionsDecodedSeparatelyShareTheirNamesButNotTheirPayloads() {
		Transaction first = Transaction.create("alice", "bob", 5, "payload", 1_000, "miner-1");
		Transaction second = new Transaction(first.id(), new String(first.sender()), new String(first.receiver()),
				first.amount(), new String(first.payload()), first.createdAt(), new String(first.origin()));

		assertThat(second).isEqualTo(first);
		assertThat(second.sender()).isSameAs(first.sender());
		assertThat(second.receiver()).isSameAs(first.receiver());
		assertThat(second.origin()).isSameAs(first.origin());
		assertThat(second.payload()).isNotSameAs(first.payload());
	}

	@Test
	void namesThatCollideInASlotTakeTurnsAndAreAlwaysReturnedEqual() {
		// names crowding into the same slots, as a hostile sender could choose them
		Map<Integer, List<String>> bySlot = new HashMap<>();
		List<String> crowded = null;
		for (int i = 0; crowded == null; i++) {
			String name = "name-" + i;
			List<String> names = bySlot.computeIfAbsent(NamePool.slot(name), s -> new ArrayList<>());
			names.add(name);
			if (names.size() == 3) {
				crowded = names;
			}
		}
		SplittableRandom random = new SplittableRandom(7);
		for (int round = 0; round < 1_000; round++) {
			String name = new String(crowded.get(random.nextInt(crowded.size())));
			assertThat(NamePool.canonical(name)).isEqualTo(name);
		}
		String last = NamePool.canonical(new String(crowded.get(0)));
		assertThat(NamePool.canonical(new String(crowded.get(0)))).isSameAs(last);
	}

	@Test
	void anyNameComesBackEqualWhateverTheNamesBefore() {
		// seeded: any text, including surrogate pairs and the empty name
		SplittableRandom random = new SplittableRandom(20261205);
		for (int i = 0; i < 50_000; i++) {
			StringBuilder name = new StringBuilder();
			int length = random.nextInt(8);
			for (int c = 0; c < length; c++) {
				name.appendCodePoint(random.nextBoolean() ? 'a' + random.nextInt(3) : 0x1F600 + random.nextInt(3));
			}
			String text = name.toString();
			assertThat(NamePool.canonical(text)).isEqualTo(text);
		}
	}

}
