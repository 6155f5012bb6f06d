package dev.minerfleet.api;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Every error as an RFC 9457 problem detail whose {@code detail} says what was wrong with the
 * request, naming the parameter or field; never a stack trace. Spring's defaults already answer
 * 404, 405, 406 and 415 this way; the handlers here sharpen the details of the 400s.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	/** A Java type as Jackson quotes it in messages, such as {@code `java.lang.Long`}. */
	private static final Pattern JAVA_TYPE = Pattern.compile("`([\\w.$]+)`");

	/** Bean validation of a request body: one line per field, and the fields as a list. */
	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> new InvalidField(error.getField(), message(error)))
			.sorted(Comparator.comparing(InvalidField::field).thenComparing(InvalidField::message))
			.toList();
		String detail = errors.stream()
			.map(error -> error.field() + " " + error.message())
			.collect(Collectors.joining("; "));
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				detail.isEmpty() ? "invalid request body" : detail);
		body.setProperty("errors", errors);
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** Bean validation of query parameters and path variables. */
	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = ex.getParameterValidationResults()
			.stream()
			.flatMap(result -> result.getResolvableErrors()
				.stream()
				.map(error -> parameterName(result.getMethodParameter().getParameterName()) + " "
						+ message(error) + ", got " + result.getArgument()))
			.collect(Collectors.joining("; "));
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				detail.isEmpty() ? "invalid request parameters" : detail);
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** A query parameter or path variable of the wrong type, such as {@code ?limit=ten}. */
	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String type = (ex.getRequiredType() != null) ? typeName(ex.getRequiredType()) : "a different type";
		String detail = parameterName(ex.getPropertyName()) + " must be " + type + ", got '" + ex.getValue() + "'";
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** A body that is not JSON, or JSON that does not fit the request record. */
	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadableDetail(ex));
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** A bug, not a bad request: logged here, and the client gets no internals. */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
		log.error("Request failed", ex);
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"internal error; the miner's log has the details");
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(body);
	}

	private static String unreadableDetail(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof StreamReadException parse) {
			return "malformed JSON: " + jsonTerms(parse.getOriginalMessage());
		}
		if (cause instanceof JacksonException mapping) {
			String field = mapping.getPath()
				.stream()
				.map(reference -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: "[" + reference.getIndex() + "]")
				.collect(Collectors.joining("."));
			return field.isEmpty() ? "the request body must be a JSON object"
					: field + ": " + jsonTerms(mapping.getOriginalMessage());
		}
		if (cause == null && ex.getMessage() != null && ex.getMessage().startsWith("Required request body")) {
			return "a JSON request body is required";
		}
		return "the request body could not be read as JSON";
	}

	/** Jackson's first line, with the Java types it names put as JSON types. */
	private static String jsonTerms(@Nullable String message) {
		if (message == null) {
			return "unreadable";
		}
		int newline = message.indexOf('\n');
		String line = (newline < 0) ? message : message.substring(0, newline);
		Matcher type = JAVA_TYPE.matcher(line);
		StringBuilder out = new StringBuilder();
		while (type.find()) {
			type.appendReplacement(out, Matcher.quoteReplacement(jsonType(type.group(1))));
		}
		type.appendTail(out);
		return out.toString();
	}

	private static String jsonType(String javaType) {
		return switch (javaType) {
			case "java.lang.String" -> "string";
			case "java.math.BigDecimal" -> "number";
			case "int", "long", "java.lang.Integer", "java.lang.Long", "java.math.BigInteger" -> "integer";
			case "boolean", "java.lang.Boolean" -> "boolean";
			default -> "value";
		};
	}

	private static String message(MessageSourceResolvable error) {
		String message = error.getDefaultMessage();
		return (message != null) ? message : "is invalid";
	}

	private static String parameterName(@Nullable String name) {
		return (name != null) ? name : "a parameter";
	}

	private static String typeName(Class<?> type) {
		if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
			return "an integer";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		return "a " + type.getSimpleName();
	}

	/** One entry of a 400's {@code errors} list: a request body field and what is wrong with it. */
	record InvalidField(String field, String message) {
	}

}
