package dev.latencylab.kit.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Names the field of a JSON body that has a value of the wrong type, by its path
 * ({@code lines[0].quantity}), and says what was expected and what came.
 */
final class BodyFieldError {

	private BodyFieldError() {
	}

	/**
	 * @param cause why a body could not be read
	 * @return the field and its message, when the body was JSON with a wrong value in it
	 */
	static Optional<Map<String, Object>> of(Throwable cause) {
		if (!(cause instanceof MismatchedInputException mismatch) || mismatch.getPath().isEmpty()) {
			return Optional.empty();
		}
		Class<?> target = mismatch.getTargetType();
		String message;
		if (mismatch instanceof InvalidFormatException invalid && invalid.getValue() instanceof String text
				&& target != null && target != String.class) {
			message = "'" + text + "' is not a valid " + target.getSimpleName();
		}
		else {
			String got = got(mismatch);
			message = "expected " + expected(target) + ((got != null) ? ", got " + got : "");
		}
		return Optional.of(Map.of("field", path(mismatch.getPath()), "message", message));
	}

	private static String path(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String expected(Class<?> target) {
		if (target == null) {
			return "another type";
		}
		if (target == String.class) {
			return "a string";
		}
		if (target == java.util.UUID.class) {
			return "a UUID as a string";
		}
		if (target == Boolean.class || target == boolean.class) {
			return "true or false";
		}
		if (List.of(Integer.class, int.class, Long.class, long.class, Short.class, short.class, BigInteger.class)
			.contains(target)) {
			return "a whole number";
		}
		if (Number.class.isAssignableFrom(target) || target == double.class || target == float.class
				|| target == BigDecimal.class) {
			return "a number";
		}
		if (target.isArray() || Collection.class.isAssignableFrom(target)) {
			return "an array";
		}
		if (target.isEnum()) {
			return "one of " + List.of(target.getEnumConstants());
		}
		return "an object";
	}

	private static String got(MismatchedInputException mismatch) {
		if (mismatch instanceof InvalidFormatException invalid && invalid.getValue() != null) {
			Object value = invalid.getValue();
			if (value instanceof Boolean) {
				return value.toString();
			}
			if (value instanceof Number number) {
				return "the number " + number;
			}
		}
		JsonToken token = mismatch.getCurrentToken();
		if (token == null) {
			return null;
		}
		return switch (token) {
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT -> "a whole number";
			case VALUE_NUMBER_FLOAT -> "a decimal number";
			case VALUE_TRUE, VALUE_FALSE -> token.asString();
			case VALUE_NULL -> "null";
			case START_OBJECT -> "an object";
			case START_ARRAY -> "an array";
			default -> null;
		};
	}

}
