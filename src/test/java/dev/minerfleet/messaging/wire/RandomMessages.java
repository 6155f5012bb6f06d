package dev.minerfleet.messaging.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.MerkleRoot;
import dev.minerfleet.chain.Transaction;

/**
 * Random wire messages for property tests: every field over its whole range, text with quotes, backslashes, control
 * characters, accents, CJK and emoji up to the byte limits of {@link Transaction}. Not necessarily valid blocks: the
 * codec must carry whatever the chain records can hold.
 */
final class RandomMessages {

	private static final String[] ALPHABETS = { "abcdefghijklmnopqrstuvwxyz0123456789", "\"\\/'{}[]:,", "\u0000\u0001\n\r\t\u001f\u007f",
			"éüßçñ€", "中文区块链", "\uD83D\uDE00\uD834\uDD1E" };

	private final RandomGenerator random;

	RandomMessages(RandomGenerator random) {
		this.random = random;
	}

	/** Seeds for {@code @MethodSource}, the same on every run. */
	static Stream<Long> seeds(int count) {
		return LongStream.iterate(0x77_1e_c0_de_01L, seed -> seed * 6364136223846793005L + 1442695040888963407L)
			.limit(count)
			.boxed();
	}

	String minerId() {
		String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
		int length = 1 + random.nextInt(random.nextBoolean() ? 10 : 64);
		StringBuilder id = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			id.append(chars.charAt(random.nextInt(chars.length())));
		}
		return id.toString();
	}

	/** Up to {@code maxBytes} UTF-8 bytes of mixed text, often much less. */
	String text(int maxBytes) {
		int target = random.nextInt(4) == 0 ? maxBytes : random.nextInt(maxBytes / 4 + 1);
		StringBuilder text = new StringBuilder();
		int bytes = 0;
		while (true) {
			String alphabet = ALPHABETS[random.nextInt(ALPHABETS.length)];
			int index = random.nextInt(alphabet.codePointCount(0, alphabet.length()));
			int codePoint = alphabet.codePointAt(alphabet.offsetByCodePoints(0, index));
			int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
			if (bytes + size > target) {
				return text.toString();
			}
			text.appendCodePoint(codePoint);
			bytes += size;
		}
	}

	Hash hash() {
		byte[] bytes = new byte[Hash.LENGTH];
		random.nextBytes(bytes);
		return Hash.of(bytes);
	}

	long nonNegative() {
		return switch (random.nextInt(4)) {
			case 0 -> 0;
			case 1 -> Long.MAX_VALUE;
			case 2 -> random.nextLong(1_000_000);
			default -> random.nextLong(Long.MAX_VALUE);
		};
	}

	long anyLong() {
		return switch (random.nextInt(4)) {
			case 0 -> Long.MIN_VALUE;
			case 1 -> Long.MAX_VALUE;
			default -> random.nextLong();
		};
	}

	int anyInt() {
		return switch (random.nextInt(5)) {
			case 0 -> 0;
			case 1 -> -1;
			case 2 -> Integer.MIN_VALUE;
			case 3 -> Integer.MAX_VALUE;
			default -> random.nextInt();
		};
	}

	/** A transaction with its true id, or, one time in four, with an id that does not match its content. */
	Transaction transaction() {
		Transaction tx = Transaction.create(text(Transaction.MAX_NAME_BYTES), text(Transaction.MAX_NAME_BYTES),
				nonNegative(), text(Transaction.MAX_PAYLOAD_BYTES), nonNegative(), text(Transaction.MAX_NAME_BYTES));
		return random.nextInt(4) == 0 ? tx.withId(hash()) : tx;
	}

	/** A block of up to {@code maxTransactions}, usually starting with a coinbase, with random header fields. */
	Block block(int maxTransactions) {
		List<Transaction> transactions = new ArrayList<>();
		if (random.nextInt(5) != 0) {
			transactions.add(Transaction.coinbase(minerId(), random.nextLong(1_000_000), random.nextLong(1 << 20),
					nonNegative(), random.nextLong(100)));
		}
		int count = random.nextInt(maxTransactions + 1);
		while (transactions.size() < count) {
			transactions.add(transaction());
		}
		Hash merkleRoot = random.nextBoolean() ? MerkleRoot.of(transactions) : hash();
		BlockHeader header = new BlockHeader(anyInt(), random.nextInt(10) == 0 ? Hash.ZERO : hash(), merkleRoot,
				anyLong(), anyInt(), anyInt());
		return new Block(header, transactions);
	}

	TransactionMessage transactionMessage() {
		return new TransactionMessage(minerId(), transaction());
	}

	BlockMessage blockMessage(int maxTransactions) {
		return new BlockMessage(minerId(), block(maxTransactions));
	}

}
