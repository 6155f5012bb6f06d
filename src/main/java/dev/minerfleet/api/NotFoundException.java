package dev.minerfleet.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Nothing known by that hash or id on this miner: 404. */
class NotFoundException extends ErrorResponseException {

	NotFoundException(String detail) {
		this(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail));
	}

	NotFoundException(ProblemDetail body) {
		super(HttpStatus.NOT_FOUND, body, null);
	}

}
