package dev.minerfleet.api;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import dev.minerfleet.chain.Transaction;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of POST /transactions. The size limits count characters here; the transaction itself
 * checks UTF-8 bytes ({@value Transaction#MAX_NAME_BYTES} for names,
 * {@value Transaction#MAX_PAYLOAD_BYTES} for the payload). The amount is read as a decimal so
 * that 1.5 is refused rather than truncated.
 */
public record NewTransaction(
		@NotBlank(message = "must not be blank") @Size(max = Transaction.MAX_NAME_BYTES,
				message = "must be at most {max} characters") @Nullable String sender,
		@NotBlank(message = "must not be blank") @Size(max = Transaction.MAX_NAME_BYTES,
				message = "must be at most {max} characters") @Nullable String receiver,
		@NotNull(message = "is required") @PositiveOrZero(message = "must not be negative") @Digits(integer = 19,
				fraction = 0, message = "must be a whole number of at most 19 digits") @Nullable BigDecimal amount,
		@Size(max = Transaction.MAX_PAYLOAD_BYTES, message = "must be at most {max} characters") @Nullable String payload) {

}
