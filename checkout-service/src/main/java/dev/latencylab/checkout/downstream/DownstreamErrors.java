package dev.latencylab.checkout.downstream;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Map;

import org.springframework.http.ProblemDetail;

import dev.latencylab.checkout.saga.DownstreamException;

/**
 * The failures of a call to another service, as the ports report them: a problem it
 * answered with, no answer, or a call checkout's guards did not make.
 */
final class DownstreamErrors {

	private DownstreamErrors() {
	}

	static DownstreamException unreachable(String service, Throwable cause) {
		Throwable root = cause;
		String why = null;
		for (Throwable link = cause; link != null; link = link.getCause()) {
			// the JDK's client wraps a connect that timed out around a ConnectException:
			// the
			// timeout, not the root, says what happened
			if (why == null && link instanceof HttpConnectTimeoutException) {
				why = "no connection in time";
			}
			else if (why == null && link instanceof HttpTimeoutException) {
				why = "no answer in time";
			}
			root = link;
		}
		if (why == null) {
			why = (root instanceof ConnectException) ? "connection refused" : root.getClass().getSimpleName();
		}
		return new DownstreamException(service, 0, "unreachable", service + " could not be reached (" + why + ")", null,
				cause);
	}

	/**
	 * A call checkout did not make: its circuit breaker is open or its bulkhead full.
	 * @param service the service
	 * @param slug {@link DownstreamException#CIRCUIT_OPEN} or
	 * {@link DownstreamException#BULKHEAD_FULL}
	 * @param detail why
	 * @param cause the rejection
	 * @return the failure
	 */
	static DownstreamException rejected(String service, String slug, String detail, Throwable cause) {
		return new DownstreamException(service, 0, slug, detail, null, cause);
	}

	static DownstreamException problem(String service, int status, ProblemDetail problem, Throwable cause) {
		String slug = "unknown";
		String detail = "HTTP " + status;
		Map<String, Object> properties = null;
		if (problem != null) {
			if (problem.getType() != null) {
				String type = problem.getType().toString();
				slug = type.substring(type.lastIndexOf('/') + 1);
			}
			if (problem.getDetail() != null) {
				detail = problem.getDetail();
			}
			properties = problem.getProperties();
		}
		return new DownstreamException(service, status, slug, detail, properties, cause);
	}

}
