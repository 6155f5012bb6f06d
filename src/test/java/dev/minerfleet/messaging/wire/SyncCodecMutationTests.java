package dev.minerfleet.messaging.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.TestChain;
import dev.minerfleet.messaging.wire.Decoded.Ok;
import dev.minerfleet.messaging.wire.Decoded.Rejected;
import dev.minerfleet.testsupport.JsonMutations;

/**
 * A seeded fuzz loop over the catch-up sync messages, 4 seeds of 25,000 cases, 100,000 in all, the seed in the case
 * name: mutations of a real request, a real reply and a real tip (byte flips, truncations, deleted members, members of the wrong
 * type, numbers of 45 digits, arrays 2,000 deep or 5,000 long), random well-formed requests, replies and tips, and
 * envelopes assembled from random raw JSON values (huge and negative {@code max} and heights, locators and block
 * lists over their limits, work of too many digits). Decoding never throws; a rejection names a printable reason; whatever is accepted lies within the
 * documented limits and is in canonical form: encoding it and decoding again gives the same message and the same
 * bytes. About 9 s on a busy 2-core machine.
 */
class SyncCodecMutationTests {

	private static final int CASES_PER_SEED = 25_000;

	private static final TestChain CHAIN = new TestChain();

	private static final List<Block> BLOCKS = CHAIN.blocks(CHAIN.genesis(), "miner-1", 3);

	private final SyncCodec codec = new SyncCodec(new WireCodec(1 << 20, 100));

	static Stream<Long> seeds() {
		return RandomMessages.seeds(4);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void noGeneratedOrMutatedSyncMessageLetsAnExceptionOutOrDecodesOutsideTheLimits(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		RandomMessages messages = new RandomMessages(random);
		JsonMutations mutations = new JsonMutations(random);
		byte[] request = codec.encode(new GetBlocksMessage("miner-2", "5f0c3a9e1b7d2c48",
				List.of(BLOCKS.get(2).hash(), BLOCKS.get(1).hash(), CHAIN.genesis().hash()), 500));
		byte[] reply = codec.encode(new BlocksMessage("miner-1", "5f0c3a9e1b7d2c48", BLOCKS, true));
		byte[] tip = codec.encode(new TipMessage("miner-3", 2, BLOCKS.get(2).hash(), BigInteger.valueOf(3L << 20)));
		byte[] getTransactions = codec.encode(new GetBlockTransactionsMessage("miner-2", BLOCKS.get(2).hash(),
				List.of(1, 2, 40)));
		byte[] transactions = codec.encode(new BlockTransactionsMessage("miner-1", BLOCKS.get(1).hash(),
				List.of(1, 2), BLOCKS.get(1).transactions().subList(0, 2)));
		int accepted = 0;
		int rejected = 0;
		for (int i = 0; i < CASES_PER_SEED; i++) {
			int kind = random.nextInt(10);
			byte[] json;
			if (kind < 2) {
				json = mutations.mutate(request);
			}
			else if (kind < 4) {
				json = mutations.mutate(reply);
			}
			else if (kind < 5) {
				json = mutations.mutate(tip);
			}
			else if (kind < 6) {
				json = mutations.mutate(random.nextBoolean() ? getTransactions : transactions);
			}
			else if (kind < 8) {
				SyncMessage generated = randomMessage(messages, random);
				json = encode(generated);
				assertThat(codec.decode(json)).as("case %d of seed %d", i, seed).isEqualTo(new Ok<>(generated));
			}
			else {
				json = randomEnvelope(mutations, random);
			}
			Decoded<SyncMessage> decoded;
			try {
				decoded = codec.decode(json);
			}
			catch (Throwable ex) {
				throw new AssertionError(
						"case " + i + " of seed " + seed + " threw on " + HexFormat.of().formatHex(json), ex);
			}
			if (decoded instanceof Rejected<SyncMessage> rejection) {
				rejected++;
				assertThat(rejection.reason()).isNotBlank().doesNotContainPattern("\\p{Cntrl}");
				assertThat(rejection.sender()).matches("[A-Za-z0-9._-]{1,64}");
			}
			else {
				accepted++;
				assertWithinLimitsAndCanonical(((Ok<SyncMessage>) decoded).message(), i, seed);
			}
		}
		assertThat(accepted).as("cases accepted").isGreaterThan(CASES_PER_SEED / 5);
		assertThat(rejected).as("cases rejected").isGreaterThan(CASES_PER_SEED / 3);
	}

	private void assertWithinLimitsAndCanonical(SyncMessage message, int i, long seed) {
		assertThat(message.sender()).matches("[A-Za-z0-9._-]{1,64}");
		if (message instanceof GetBlocksMessage get) {
			assertThat(get.requestId()).matches("[A-Za-z0-9._-]{1,64}");
			assertThat(get.locator()).hasSizeLessThanOrEqualTo(SyncCodec.MAX_LOCATOR_HASHES);
			assertThat(get.max()).isPositive();
		}
		else if (message instanceof TipMessage tip) {
			assertThat(tip.height()).isBetween(0L, (long) Integer.MAX_VALUE);
			assertThat(tip.work().signum()).isNotNegative();
			assertThat(tip.work().toString(16)).hasSizeLessThanOrEqualTo(SyncCodec.MAX_WORK_DIGITS);
		}
		else if (message instanceof GetBlockTransactionsMessage get) {
			assertAscendingIndexes(get.indexes());
		}
		else if (message instanceof BlockTransactionsMessage answer) {
			assertAscendingIndexes(answer.indexes());
			assertThat(answer.transactions()).hasSameSizeAs(answer.indexes());
		}
		else {
			BlocksMessage blocks = (BlocksMessage) message;
			assertThat(blocks.requestId()).matches("[A-Za-z0-9._-]{1,64}");
			assertThat(blocks.blocks()).hasSizeLessThanOrEqualTo(SyncCodec.MAX_BLOCKS);
		}
		byte[] canonical = encode(message);
		assertThat((long) canonical.length).isLessThanOrEqualTo(codec.maxMessageBytes());
		Decoded<SyncMessage> again = codec.decode(canonical);
		assertThat(again).as("case %d of seed %d decoded again", i, seed).isEqualTo(new Ok<>(message));
		assertThat(encode(((Ok<SyncMessage>) again).message())).isEqualTo(canonical);
	}

	private static void assertAscendingIndexes(List<Integer> indexes) {
		assertThat(indexes).hasSizeLessThanOrEqualTo(100).isSorted().doesNotHaveDuplicates()
			.allSatisfy(index -> assertThat(index).isBetween(0, 99));
	}

	private byte[] encode(SyncMessage message) {
		if (message instanceof GetBlocksMessage get) {
			return codec.encode(get);
		}
		if (message instanceof GetBlockTransactionsMessage get) {
			return codec.encode(get);
		}
		if (message instanceof BlockTransactionsMessage answer) {
			return codec.encode(answer);
		}
		if (message instanceof TipMessage tip) {
			return codec.encode(tip);
		}
		return codec.encode((BlocksMessage) message);
	}

	private static SyncMessage randomMessage(RandomMessages messages, SplittableRandom random) {
		String requestId = messages.minerId();
		if (random.nextInt(3) == 0) {
			BigInteger work = new BigInteger(1 + random.nextInt(SyncCodec.MAX_WORK_DIGITS * 4), new java.util.Random(random.nextLong()));
			return new TipMessage(messages.minerId(), random.nextInt(Integer.MAX_VALUE), messages.hash(), work);
		}
		if (random.nextBoolean()) {
			List<Hash> locator = new ArrayList<>();
			int length = random.nextInt(4) == 0 ? SyncCodec.MAX_LOCATOR_HASHES : random.nextInt(42);
			for (int j = 0; j < length; j++) {
				locator.add(messages.hash());
			}
			int max = random.nextBoolean() ? 1 + random.nextInt(Integer.MAX_VALUE) : Integer.MAX_VALUE;
			return new GetBlocksMessage(messages.minerId(), requestId, locator, max);
		}
		List<Block> blocks = new ArrayList<>();
		int count = random.nextInt(4);
		for (int j = 0; j < count; j++) {
			blocks.add(messages.block(4));
		}
		return new BlocksMessage(messages.minerId(), requestId, blocks, random.nextBoolean());
	}

	/** An envelope whose members are each right, missing, or a random raw JSON value. */
	private static byte[] randomEnvelope(JsonMutations mutations, SplittableRandom random) {
		int type = random.nextInt(3);
		boolean isRequest = type == 0;
		List<String> members = new ArrayList<>();
		member(members, random, mutations, "protocol", "1");
		if (type == 2) {
			member(members, random, mutations, "type", "\"tip\"");
			member(members, random, mutations, "sender", "\"miner-9\"");
			String height = switch (random.nextInt(5)) {
				case 0 -> "-1";
				case 1 -> String.valueOf(Integer.MAX_VALUE + 1L);
				case 2 -> "1e3";
				default -> "42";
			};
			member(members, random, mutations, "height", height);
			member(members, random, mutations, "hash", "\"" + "cd".repeat(32) + "\"");
			String work = switch (random.nextInt(5)) {
				case 0 -> "\"-1\"";
				case 1 -> "\"" + "f".repeat(SyncCodec.MAX_WORK_DIGITS + 1) + "\"";
				case 2 -> "\"ABC\"";
				default -> "\"1a2b\"";
			};
			member(members, random, mutations, "work", work);
			java.util.Collections.shuffle(members, new java.util.Random(random.nextLong()));
			return ("{" + String.join(",", members) + "}").getBytes(StandardCharsets.UTF_8);
		}
		member(members, random, mutations, "type", isRequest ? "\"getblocks\"" : "\"blocks\"");
		member(members, random, mutations, "sender", "\"miner-9\"");
		member(members, random, mutations, "requestId", "\"r1\"");
		if (isRequest) {
			member(members, random, mutations, "locator", "[\"" + "ab".repeat(32) + "\"]");
			String max = switch (random.nextInt(6)) {
				case 0 -> "0";
				case 1 -> "-1";
				case 2 -> String.valueOf(Integer.MIN_VALUE);
				case 3 -> String.valueOf(Integer.MAX_VALUE + 1L);
				case 4 -> String.valueOf(Long.MAX_VALUE);
				default -> "500";
			};
			member(members, random, mutations, "max", max);
		}
		else {
			member(members, random, mutations, "blocks", "[]");
			member(members, random, mutations, "more", "false");
		}
		if (random.nextInt(4) == 0) {
			members.add("\"unknown\":" + mutations.rawValue());
		}
		java.util.Collections.shuffle(members, new java.util.Random(random.nextLong()));
		return ("{" + String.join(",", members) + "}").getBytes(StandardCharsets.UTF_8);
	}

	private static void member(List<String> members, SplittableRandom random, JsonMutations mutations, String name,
			String valid) {
		int choice = random.nextInt(10);
		if (choice == 0) {
			return;
		}
		members.add("\"" + name + "\":" + ((choice == 1) ? mutations.rawValue() : valid));
	}

}
