package dev.minerfleet.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The request contradicts what this miner's chain holds, such as spending a spent coin: 409. */
class ConflictException extends ErrorResponseException {

	ConflictException(ProblemDetail body) {
		super(HttpStatus.CONFLICT, body, null);
	}

}
