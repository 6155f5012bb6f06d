package dev.minerfleet.chain;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A fake transaction, as in the lab: its content is not checked for spending, only its id, the
 * SHA-256 of its canonical bytes ({@link TransactionCodec}). A transaction whose {@code id} does
 * not match its content can be represented (it may arrive from the network) but is invalid:
 * {@link #hasValidId()}.
 *
 * <p>
 * The first transaction of every block is a coinbase: sender {@value #COINBASE_SENDER}, receiver
 * and origin the miner that found the block, payload the block height and an extra nonce. It
 * commits the block to its miner and gives the miner more header space to search when the nonce
 * runs out.
 *
 * @param id SHA-256 of the canonical bytes
 * @param sender free text, at most {@value #MAX_NAME_BYTES} UTF-8 bytes
 * @param receiver free text, at most {@value #MAX_NAME_BYTES} UTF-8 bytes
 * @param amount non-negative, in the smallest unit
 * @param payload free text, at most {@value #MAX_PAYLOAD_BYTES} UTF-8 bytes
 * @param createdAt creation time, milliseconds since the epoch
 * @param origin id of the miner that generated it, at most {@value #MAX_NAME_BYTES} bytes
 */
public record Transaction(Hash id, String sender, String receiver, long amount, String payload, long createdAt,
		String origin) {

	public static final String COINBASE_SENDER = "coinbase";

	public static final int MAX_NAME_BYTES = 64;

	public static final int MAX_PAYLOAD_BYTES = 1024;

	/** What a payload spending a coin starts with. */
	public static final String COIN_MARKER = "coin:";

	/** Most characters of a coin id. */
	public static final int MAX_COIN_LENGTH = 64;

	public Transaction {
		Objects.requireNonNull(id, "id");
		checkText("sender", sender, MAX_NAME_BYTES);
		checkText("receiver", receiver, MAX_NAME_BYTES);
		checkText("payload", payload, MAX_PAYLOAD_BYTES);
		checkText("origin", origin, MAX_NAME_BYTES);
		if (amount < 0) {
			throw new IllegalArgumentException("amount must not be negative, got " + amount);
		}
		if (createdAt < 0) {
			throw new IllegalArgumentException("createdAt must not be negative, got " + createdAt);
		}
		sender = NamePool.canonical(sender);
		receiver = NamePool.canonical(receiver);
		origin = NamePool.canonical(origin);
	}

	private static void checkText(String field, String value, int maxBytes) {
		Objects.requireNonNull(value, field);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isSurrogate(c)) {
				if (!Character.isHighSurrogate(c) || i + 1 == value.length()
						|| !Character.isLowSurrogate(value.charAt(i + 1))) {
					throw new IllegalArgumentException(field + " is not well-formed Unicode");
				}
				i++;
			}
		}
		// UTF-8 takes at most 3 bytes per UTF-16 unit: skip the encoding for short strings
		if (value.length() * 3 > maxBytes && value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
			throw new IllegalArgumentException(field + " exceeds " + maxBytes + " UTF-8 bytes");
		}
	}

	/** A transaction with its id computed from its content. */
	public static Transaction create(String sender, String receiver, long amount, String payload, long createdAt,
			String origin) {
		Transaction unsigned = new Transaction(Hash.ZERO, sender, receiver, amount, payload, createdAt, origin);
		return unsigned.withId(unsigned.computeId());
	}

	/** The coinbase of a block at {@code height} found by {@code miner}. */
	public static Transaction coinbase(String miner, long height, long extraNonce, long createdAt, long reward) {
		return create(COINBASE_SENDER, miner, reward, "height=" + height + " extraNonce=" + extraNonce, createdAt,
				miner);
	}

	public Transaction withId(Hash newId) {
		return new Transaction(newId, sender, receiver, amount, payload, createdAt, origin);
	}

	public Hash computeId() {
		return Sha256.sha256(TransactionCodec.canonicalBytes(this));
	}

	public boolean hasValidId() {
		return id.equals(computeId());
	}

	public boolean isCoinbase() {
		return COINBASE_SENDER.equals(sender);
	}

	/**
	 * The coin this transaction spends: the id after a leading {@value #COIN_MARKER} in the payload, up to the first
	 * space or the end. Empty for a coinbase and for any payload without a well-formed marker ({@code "coin:"},
	 * {@code "coin:a b"} spends {@code a}, {@code "coin:a!"} spends nothing, {@code " coin:a"} spends nothing).
	 */
	public Optional<String> coin() {
		return isCoinbase() ? Optional.empty() : coinOf(payload);
	}

	/** The coins these transactions spend, each once. */
	public static Set<String> coinsOf(Collection<Transaction> transactions) {
		Set<String> coins = new HashSet<>();
		for (Transaction tx : transactions) {
			tx.coin().ifPresent(coins::add);
		}
		return coins;
	}

	/** The coin a payload names, by the rule of {@link #coin()}. */
	public static Optional<String> coinOf(String payload) {
		if (!payload.startsWith(COIN_MARKER)) {
			return Optional.empty();
		}
		int end = payload.indexOf(' ', COIN_MARKER.length());
		String id = payload.substring(COIN_MARKER.length(), (end < 0) ? payload.length() : end);
		return isValidCoinId(id) ? Optional.of(id) : Optional.empty();
	}

	/** Whether {@code id} may name a coin: 1 to {@value #MAX_COIN_LENGTH} of {@code A-Z a-z 0-9 . _ -}. */
	public static boolean isValidCoinId(String id) {
		if (id.isEmpty() || id.length() > MAX_COIN_LENGTH) {
			return false;
		}
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '_' || c == '-';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The payload of a transaction spending {@code coin}, with {@code note} after a space when there is one.
	 * @throws IllegalArgumentException if {@code coin} is not a valid coin id
	 */
	public static String coinPayload(String coin, String note) {
		if (!isValidCoinId(coin)) {
			throw new IllegalArgumentException(
					"coin must be 1 to " + MAX_COIN_LENGTH + " of A-Z a-z 0-9 . _ -, got '" + coin + "'");
		}
		return note.isEmpty() ? COIN_MARKER + coin : COIN_MARKER + coin + " " + note;
	}

	/** Size of the canonical encoding in bytes: what the block size limit counts. */
	public int size() {
		return TransactionCodec.canonicalSize(this);
	}

}
