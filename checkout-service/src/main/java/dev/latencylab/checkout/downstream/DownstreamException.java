package dev.latencylab.checkout.downstream;

import java.util.Map;

import org.springframework.http.ProblemDetail;

/**
 * A call to another service failed: either it answered with a problem, or it could not be
 * reached or did not answer in time (status 0), in which case the outcome is unknown.
 */
public class DownstreamException extends RuntimeException {

	private final String service;

	private final int status;

	private final String slug;

	private final String detail;

	private final Map<String, Object> properties;

	DownstreamException(String service, int status, String slug, String detail, Map<String, Object> properties,
			Throwable cause) {
		super(service + " answered " + (status == 0 ? "nothing" : status) + " (" + slug + "): " + detail, cause);
		this.service = service;
		this.status = status;
		this.slug = slug;
		this.detail = detail;
		this.properties = (properties != null) ? properties : Map.of();
	}

	static DownstreamException unreachable(String service, Throwable cause) {
		Throwable root = cause;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		String why = (root instanceof java.net.http.HttpTimeoutException) ? "no answer in time"
				: (root instanceof java.net.ConnectException) ? "connection refused" : root.getClass().getSimpleName();
		return new DownstreamException(service, 0, "unreachable", service + " could not be reached (" + why + ")", null,
				cause);
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

	public String service() {
		return this.service;
	}

	/**
	 * @return the HTTP status, or 0 when the service did not answer
	 */
	public int status() {
		return this.status;
	}

	/**
	 * @return the problem type slug, e.g. {@code out-of-stock}
	 */
	public String slug() {
		return this.slug;
	}

	public String detail() {
		return this.detail;
	}

	public Map<String, Object> properties() {
		return this.properties;
	}

	/**
	 * @return whether the service refused the request for a reason of its own (4xx),
	 * rather than failing
	 */
	public boolean isRefusal() {
		return this.status >= 400 && this.status < 500;
	}

}
