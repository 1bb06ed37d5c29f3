package dev.latencylab.kit;

/**
 * Names of the lab's own (business) metrics. Every name starts with {@link #PREFIX};
 * every meter of every service also carries the common tag {@code application} (the
 * service name), which the dashboards and alert rules select on. In Prometheus the dots
 * become underscores and counters get {@code _total}.
 */
public final class LabMetrics {

	/** The common prefix. */
	public static final String PREFIX = "lab.";

	/** Checkouts by {@code outcome} (confirmed, out_of_stock, card_declined, ...). */
	public static final String CHECKOUT_OUTCOMES = PREFIX + "checkout.outcomes";

	/**
	 * Checkouts a crash left half-done, ended by checkout-service's recovery job, by
	 * {@code outcome}: {@code completed} (confirmed and captured), {@code compensated}
	 * (failed, nothing held) or {@code deferred} (a service it needs did not answer;
	 * tried again on the next round).
	 */
	public static final String CHECKOUT_RECOVERIES = PREFIX + "checkout.recoveries";

	/**
	 * Failed orders whose authorization got no answer, looked up once more by the
	 * recovery job after payment's worst case, by {@code outcome}: {@code voided}
	 * (payment had completed it after all), {@code none} or {@code deferred} (payment did
	 * not answer; tried again on the next round).
	 */
	public static final String CHECKOUT_LATE_AUTHORIZATIONS = PREFIX + "checkout.late.authorizations";

	/** Reservations refused by inventory, by {@code reason}. */
	public static final String RESERVATION_FAILURES = PREFIX + "inventory.reservation.failures";

	/** Authorizations the card network declined, by {@code decline_code}. */
	public static final String PAYMENT_DECLINES = PREFIX + "payment.declines";

	/** Fraud decisions, by {@code decision} (ALLOW, REVIEW, DENY). */
	public static final String FRAUD_DECISIONS = PREFIX + "fraud.decisions";

	/**
	 * Checkouts of a canary's cohorts: a timer by {@code flag}, {@code variant} (the
	 * cohort: {@code on} has the fix) and {@code outcome} ({@code ok}, or {@code error}
	 * when the checkout failed on the lab's side).
	 */
	public static final String CANARY_CHECKOUTS = PREFIX + "canary.checkouts";

	/**
	 * How late a thread that asks to wake every 50 ms wakes up (a timer with buckets at
	 * 100 ms, 500 ms, 1 s, 2 s and 5 s): the time the whole JVM stood still, for GC or
	 * anything else. Not a business metric, but the lab's own.
	 */
	public static final String JVM_HICCUP = PREFIX + "jvm.hiccup";

	/**
	 * When a flag switched, as this service saw it: a gauge in seconds since the epoch
	 * (Prometheus {@code lab_flag_switch_timestamp_seconds}) by {@code flag} and
	 * {@code variant}, the variant it now serves to everyone ({@code rollout} while it is
	 * rolled out by percentage); one series per flag switched since the service started.
	 */
	public static final String FLAG_SWITCHES = PREFIX + "flag.switch.timestamp";

	/** Requests in flight on the gateway's routes with admission control (a gauge). */
	public static final String GATEWAY_IN_FLIGHT = PREFIX + "gateway.in.flight";

	/** Requests the gateway turned away as overload, answered 503 {@code overloaded}. */
	public static final String GATEWAY_SHED = PREFIX + "gateway.shed";

	private LabMetrics() {
	}

}
