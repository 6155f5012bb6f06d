package dev.minerfleet.api;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import dev.minerfleet.chain.Transaction;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of POST /transactions. The size limits count characters here; the transaction itself
 * checks UTF-8 bytes ({@value Transaction#MAX_NAME_BYTES} for names,
 * {@value Transaction#MAX_PAYLOAD_BYTES} for the payload). The amount is read as a decimal so
 * that 1.5 is refused rather than truncated.
 *
 * @param coin the coin the transaction spends: written into the payload as its {@code coin:<id>} marker, before
 * the payload's text
 */
public record NewTransaction(
		@NotBlank(message = "must not be blank") @Size(max = Transaction.MAX_NAME_BYTES,
				message = "must be at most {max} characters") @Nullable String sender,
		@NotBlank(message = "must not be blank") @Size(max = Transaction.MAX_NAME_BYTES,
				message = "must be at most {max} characters") @Nullable String receiver,
		@NotNull(message = "is required") @PositiveOrZero(message = "must not be negative") @Digits(integer = 19,
				fraction = 0, message = "must be a whole number of at most 19 digits") @Nullable BigDecimal amount,
		@Size(max = Transaction.MAX_PAYLOAD_BYTES, message = "must be at most {max} characters") @Nullable String payload,
		@Pattern(regexp = "[A-Za-z0-9._-]{1,64}",
				message = "must be 1 to 64 of A-Z a-z 0-9 . _ -") @Nullable String coin) {

	/** A body without a coin. */
	public NewTransaction(@Nullable String sender, @Nullable String receiver, @Nullable BigDecimal amount,
			@Nullable String payload) {
		this(sender, receiver, amount, payload, null);
	}

	/**
	 * The transaction this body asks for, stamped {@code createdAt} and originating at {@code origin}: what POST
	 * /transactions makes once bean validation has passed.
	 * @throws InvalidRequestException (400) for anything bean validation does not catch: a field missing when
	 * validation did not run, the reserved coinbase sender, text over its UTF-8 byte limit or not well-formed
	 */
	Transaction toTransaction(long createdAt, String origin) {
		// @Valid has checked presence; the record checks UTF-8 lengths and well-formed text
		if (sender == null || receiver == null || amount == null) {
			throw new InvalidRequestException("sender, receiver and amount are required");
		}
		if (Transaction.COINBASE_SENDER.equals(sender)) {
			throw new InvalidRequestException(
					"sender '" + Transaction.COINBASE_SENDER + "' is reserved for block rewards");
		}
		long units;
		try {
			units = amount.longValueExact();
		}
		catch (ArithmeticException ex) {
			throw new InvalidRequestException("amount must be at most " + Long.MAX_VALUE);
		}
		String text = (payload != null) ? payload : "";
		if (coin != null) {
			if (Transaction.coinOf(text).isPresent()) {
				throw new InvalidRequestException("give the coin either as coin or as the payload's "
						+ Transaction.COIN_MARKER + " marker, not both");
			}
			try {
				text = Transaction.coinPayload(coin, text);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRequestException(ex.getMessage());
			}
		}
		try {
			return Transaction.create(sender, receiver, units, text, createdAt, origin);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(ex.getMessage());
		}
	}

}
