package dev.latencylab.payment.system;

import java.util.List;

import org.springframework.http.HttpStatus;

import dev.latencylab.kit.ProblemException;

/**
 * The 400 {@code invalid-request} problem for checks that bean validation cannot make
 * (they need the clock, or a header), in the same shape as lab-kit's: a detail for people
 * and {@code errors: [{field, message}]} for programs.
 */
public final class InvalidRequest {

	private InvalidRequest() {
	}

	/**
	 * @param errors what is wrong, at least one
	 * @return the problem to throw
	 */
	public static ProblemException of(List<FieldError> errors) {
		String detail = errors.stream()
			.map((error) -> error.field() + " " + error.message())
			.reduce((a, b) -> a + "; " + b)
			.orElse("see errors");
		return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"The request is invalid: " + detail)
			.with("errors", errors);
	}

	/**
	 * @param field the field, header or parameter
	 * @param message what is wrong with it
	 * @return the problem to throw
	 */
	public static ProblemException of(String field, String message) {
		return of(List.of(new FieldError(field, message)));
	}

	/**
	 * @param field the field, header or parameter
	 * @param message what is wrong with it
	 */
	public record FieldError(String field, String message) {
	}

}
