package dev.latencylab.checkout.downstream;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

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
			// the Apache client's connect timeout is a SocketTimeoutException too, and a
			// wait for a free pooled connection is neither: the first link that says it
			// timed out says what happened
			if (why == null
					&& (link instanceof ConnectTimeoutException || link instanceof ConnectionRequestTimeoutException)) {
				why = "no connection in time";
			}
			else if (why == null && link instanceof SocketTimeoutException) {
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
