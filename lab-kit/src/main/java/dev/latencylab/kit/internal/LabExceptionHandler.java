package dev.latencylab.kit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import dev.latencylab.kit.ProblemException;

/**
 * Turns every failure into RFC 9457 problem details: Spring MVC's own (malformed JSON,
 * missing header, validation) with the field errors spelled out, lab
 * {@link ProblemException}s as they are, and anything unexpected as a 500 that leaks no
 * internals.
 */
@RestControllerAdvice
public class LabExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(LabExceptionHandler.class);

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, Object>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> Map.<String, Object>of("field", error.getField(), "message",
					String.valueOf(error.getDefaultMessage())))
			.toList();
		return invalid(ex, errors, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, Object>> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors bean) {
				// a @Valid body or object: name each invalid field by its path, e.g.
				// lines[0].quantity
				bean.getFieldErrors()
					.forEach((error) -> errors
						.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()))));
				bean.getGlobalErrors()
					.forEach((error) -> errors.add(Map.of("field", parameterName(result.getMethodParameter()),
							"message", String.valueOf(error.getDefaultMessage()))));
			}
			else {
				result.getResolvableErrors()
					.forEach((error) -> errors.add(Map.of("field", parameterName(result.getMethodParameter()),
							"message", String.valueOf(error.getDefaultMessage()))));
			}
		}
		return invalid(ex, errors, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: String.valueOf(ex.getPropertyName());
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "another type";
		List<Map<String, Object>> errors = List
			.of(Map.of("field", field, "message", "'" + ex.getValue() + "' is not a valid " + expected));
		return invalid(ex, errors, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex instanceof MissingRequestHeaderException missing) {
			return invalid(ex, List.of(Map.of("field", missing.getHeaderName(), "message", "header is required")),
					headers, status, request);
		}
		return super.handleServletRequestBindingException(ex, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return invalid(ex, List.of(Map.of("field", ex.getParameterName(), "message", "parameter is required")), headers,
				status, request);
	}

	private ResponseEntity<Object> invalid(Exception ex, List<Map<String, Object>> errors, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatus(status);
		body.setType(ProblemException.type("invalid-request"));
		body.setTitle("Invalid request");
		body.setDetail("The request is invalid: " + errors.stream()
			.map((error) -> error.get("field") + " " + error.get("message"))
			.reduce((a, b) -> a + "; " + b)
			.orElse("see errors"));
		body.setProperty("errors", errors);
		return handleExceptionInternal(ex, body, headers, status, request);
	}

	private static String parameterName(MethodParameter parameter) {
		for (java.lang.annotation.Annotation annotation : parameter.getParameterAnnotations()) {
			if (annotation instanceof RequestHeader header && !header.name().isEmpty()) {
				return header.name();
			}
			if (annotation instanceof RequestParam param && !param.name().isEmpty()) {
				return param.name();
			}
			if (annotation instanceof PathVariable variable && !variable.name().isEmpty()) {
				return variable.name();
			}
		}
		String name = parameter.getParameterName();
		return (name != null) ? name : "parameter " + parameter.getParameterIndex();
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		if (cause instanceof RequestBodyLimitFilter.BodyTooLargeException) {
			ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, cause.getMessage());
			body.setType(ProblemException.type("body-too-large"));
			body.setTitle("Request body too large");
			return handleExceptionInternal(ex, body, headers, HttpStatus.CONTENT_TOO_LARGE, request);
		}
		Optional<Map<String, Object>> field = BodyFieldError.of(cause);
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status,
				field
					.map((error) -> "The request body has a value of the wrong type: " + error.get("field") + " "
							+ error.get("message") + ".")
					.orElse("The request body is not valid JSON of the expected shape."));
		body.setType(ProblemException.type("malformed-body"));
		body.setTitle("Malformed request body");
		field.ifPresent((error) -> body.setProperty("errors", List.of(error)));
		return handleExceptionInternal(ex, body, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status,
				"There is nothing at " + ex.getHttpMethod() + " /" + ex.getResourcePath() + ".");
		return handleExceptionInternal(ex, body, headers, status, request);
	}

	/**
	 * Gives every problem a type: Spring's own problems (415, 405, 404, ...) come with
	 * {@code about:blank}, which callers cannot branch on.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem
				&& (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
			HttpStatus status = HttpStatus.resolve(statusCode.value());
			String slug = (status != null) ? status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
					: "error-" + statusCode.value();
			problem.setType(ProblemException.type(slug));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) throws Exception {
		logger.error("Unexpected failure", ex);
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The service failed unexpectedly; its log has the details.");
		body.setType(ProblemException.type("internal-error"));
		body.setTitle("Internal error");
		return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

}
