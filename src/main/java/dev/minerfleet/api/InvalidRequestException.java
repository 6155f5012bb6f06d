package dev.minerfleet.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import dev.minerfleet.chain.Hash;

/** A request this API will not serve as sent: 400 with a detail that says what to change. */
class InvalidRequestException extends ErrorResponseException {

	InvalidRequestException(String detail) {
		super(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), null);
	}

	/** Parses a block hash or transaction id from a path, or explains why it is not one. */
	static Hash parseHash(String what, String text) {
		try {
			return Hash.fromHex(text);
		}
		catch (IllegalArgumentException ex) {
			String shown = (text.length() > 80) ? text.substring(0, 80) + "..." : text;
			throw new InvalidRequestException(what + " must be 64 hex digits, got '" + shown + "'");
		}
	}

}
