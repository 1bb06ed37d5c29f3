package dev.latencylab.toolkit.traces;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the traces the lab's checkout makes, with times in milliseconds from the
 * request's start.
 */
public final class TraceBuilder {

	public static final int INVENTORY_PORT = 8082;

	public static final int PAYMENT_PORT = 8083;

	public static final int FRAUD_PORT = 8084;

	private final String traceId;

	private final long epochMicros;

	private final List<Span> spans = new ArrayList<>();

	private TraceBuilder(String traceId, long epochMillis) {
		this.traceId = traceId;
		this.epochMicros = epochMillis * 1000;
	}

	public static TraceBuilder trace(String traceId, long epochMillis) {
		return new TraceBuilder(traceId, epochMillis);
	}

	public TraceBuilder span(String id, String parent, String service, String name, Span.Kind kind, long startMillis,
			long endMillis, String... tags) {
		Map<String, String> attributes = new LinkedHashMap<>();
		for (int i = 0; i + 1 < tags.length; i += 2) {
			attributes.put(tags[i], tags[i + 1]);
		}
		this.spans.add(new Span(this.traceId, id, parent, service, name, kind, this.epochMicros + startMillis * 1000,
				(endMillis - startMillis) * 1000, attributes));
		return this;
	}

	public TraceBuilder sql(String id, String parent, String service, String statement, long startMillis,
			long endMillis) {
		return span(id, parent, service, statement.split(" ")[0], Span.Kind.CLIENT, startMillis, endMillis,
				"db.system.name", "postgresql", "db.query.text", statement);
	}

	public TraceBuilder http(String id, String parent, String service, String name, long startMillis, long endMillis) {
		return span(id, parent, service, name, Span.Kind.CLIENT, startMillis, endMillis, "http.request.method", "POST");
	}

	/**
	 * An outgoing call that says where it went, as the OpenTelemetry agent's HTTP client
	 * spans do.
	 */
	public TraceBuilder call(String id, String parent, String service, int port, long startMillis, long endMillis) {
		return span(id, parent, service, "POST", Span.Kind.CLIENT, startMillis, endMillis, "http.request.method",
				"POST", "server.address", "127.0.0.1", "server.port", Integer.toString(port));
	}

	/**
	 * The lab's checkout: gateway, checkout, then inventory, fraud and payment one after
	 * the other, each with an SQL statement.
	 * @param inventory inventory's server time
	 * @param fraud fraud's server time
	 * @param payment payment's server time
	 */
	public TraceBuilder checkout(long inventory, long fraud, long payment) {
		long t = 5;
		span("g", "", "gateway", "POST /api/checkout", Span.Kind.SERVER, 0, 30 + inventory + fraud + payment);
		span("c", "g", "checkout-service", "POST /api/checkout", Span.Kind.SERVER, 2, 28 + inventory + fraud + payment);
		call("ci", "c", "checkout-service", INVENTORY_PORT, t, t + inventory + 2);
		span("i", "ci", "inventory-service", "POST /api/reservations", Span.Kind.SERVER, t + 1, t + 1 + inventory);
		sql("iq", "i", "inventory-service", "UPDATE lab.product SET stock = stock - ? WHERE sku = ?", t + 2,
				t + inventory - 1);
		t += inventory + 3;
		call("cf", "c", "checkout-service", FRAUD_PORT, t, t + fraud + 2);
		span("f", "cf", "fraud-service", "POST /api/fraud/scores", Span.Kind.SERVER, t + 1, t + 1 + fraud);
		sql("fq", "f", "fraud-service", "SELECT count(*) FROM fraud.score WHERE customer_id = ?", t + 2, t + 3);
		t += fraud + 3;
		call("cp", "c", "checkout-service", PAYMENT_PORT, t, t + payment + 2);
		span("p", "cp", "payment-service", "POST /api/payments/authorizations", Span.Kind.SERVER, t + 1,
				t + 1 + payment);
		sql("pq", "p", "payment-service", "INSERT INTO payment.payment VALUES (?)", t + payment - 2, t + payment);
		return this;
	}

	public Trace build() {
		return new Trace(this.traceId, List.copyOf(this.spans));
	}

}
