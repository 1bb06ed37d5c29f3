package dev.latencylab.checkout.saga;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.Map;

/**
 * A call to another service failed: either it answered with a problem, or it could not be
 * reached or did not answer in time (status 0), in which case the outcome is unknown, or
 * checkout's own circuit breaker or bulkhead rejected it before it was made (status 0,
 * {@link #isRejected()}). What the ports ({@link Inventory}, {@link FraudCheck},
 * {@link Payments}) throw; their HTTP clients make it (package {@code downstream}).
 */
public class DownstreamException extends RuntimeException {

	/** The slug of a call rejected because the service's circuit breaker is open. */
	public static final String CIRCUIT_OPEN = "circuit-open";

	/** The slug of a call rejected because the service's bulkhead is full. */
	public static final String BULKHEAD_FULL = "bulkhead-full";

	private final String service;

	private final int status;

	private final String slug;

	private final String detail;

	private final Map<String, Object> properties;

	/**
	 * @param service the service called
	 * @param status its HTTP status, or 0 when it did not answer
	 * @param slug the problem type's last path segment, or what happened
	 * @param detail what went wrong
	 * @param properties the problem's extension members
	 * @param cause what failed
	 */
	public DownstreamException(String service, int status, String slug, String detail, Map<String, Object> properties,
			Throwable cause) {
		super(service + " answered " + (status == 0 ? "nothing" : status) + " (" + slug + "): " + detail, cause);
		this.service = service;
		this.status = status;
		this.slug = slug;
		this.detail = detail;
		this.properties = (properties != null) ? properties : Map.of();
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

	/**
	 * @return whether the service did not answer in time (the call may still be running
	 * there)
	 */
	public boolean isTimeout() {
		// a read or connect timeout, or no free pooled connection in time
		return this.status == 0 && causedBy(InterruptedIOException.class);
	}

	/**
	 * @return whether the call failed at once without the service acting on it: the
	 * connection was refused, or the service answered 503; worth one more try
	 */
	public boolean isQuickFailure() {
		return this.status == 503 || (this.status == 0 && !isTimeout() && causedBy(ConnectException.class));
	}

	/**
	 * @return whether checkout's circuit breaker or bulkhead rejected the call, so the
	 * service never saw it
	 */
	public boolean isRejected() {
		return this.status == 0 && (CIRCUIT_OPEN.equals(this.slug) || BULKHEAD_FULL.equals(this.slug));
	}

	/**
	 * @return whether the service may have acted on the call although checkout got no
	 * answer (a timeout, a connection lost on the way)
	 */
	public boolean outcomeUnknown() {
		return this.status == 0 && !isRejected() && !isQuickFailure();
	}

	private boolean causedBy(Class<? extends Throwable> type) {
		for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
