package dev.latencylab.toolkit.traces;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceTests {

	@Test
	void shouldAddUpTheCriticalPathToTheRequestsDuration() {
		Trace trace = TraceBuilder.trace("t1", 1_000).checkout(40, 30, 50).build();

		long total = trace.criticalPath().stream().mapToLong(Trace.Segment::selfMicros).sum();

		assertThat(total).isEqualTo(trace.durationMicros());
	}

	@Test
	void shouldPutTheCulpritOnTheSqlStatementThatWaited() {
		Trace trace = TraceBuilder.trace("t1", 1_000).checkout(5_000, 30, 50).build();

		Trace.Segment culprit = trace.culprit();

		assertThat(culprit.span().service()).isEqualTo("inventory-service");
		assertThat(culprit.span().work()).isEqualTo(Span.WorkKind.SQL);
		assertThat(culprit.span().statement()).startsWith("UPDATE lab.product");
		assertThat(culprit.selfMicros()).isBetween(4_990_000L, 5_000_000L);
		assertThat(trace.pathTo(culprit.span())).extracting(Span::id).containsExactly("g", "c", "ci", "i", "iq");
	}

	@Test
	void shouldPutTheCulpritOnAServerSpanThatHoldsTheTimeItself() {
		// fraud's server span of 5 s with a 1 ms query: the time is fraud's own
		Trace trace = TraceBuilder.trace("t1", 1_000).checkout(40, 5_000, 50).build();

		Trace.Segment culprit = trace.culprit();

		assertThat(culprit.span().id()).isEqualTo("f");
		assertThat(culprit.span().work()).isEqualTo(Span.WorkKind.IN_PROCESS);
	}

	@Test
	void shouldFollowACallThatWaitedOutsideItsCalleeIntoTheCallee() {
		// payment's JVM stood still before its server span started: the client call
		// holds the time, the callee is who made it wait
		Trace trace = TraceBuilder.trace("t1", 1_000)
			.span("c", "", "checkout-service", "POST /api/checkout", Span.Kind.SERVER, 0, 5_000)
			.http("cp", "c", "checkout-service", "POST", 10, 4_990)
			.span("p", "cp", "payment-service", "POST /api/payments/authorizations", Span.Kind.SERVER, 4_900, 4_980)
			.build();

		assertThat(trace.culprit().span().service()).isEqualTo("payment-service");
		assertThat(trace.criticalMicrosByService()).containsKeys("checkout-service", "payment-service");
	}

	@Test
	void shouldAdoptASpanWhoseCallerWasNeverExported() {
		// checkout gave up on inventory after 10 s; its client span never reached the
		// store, inventory's server span names a parent that is not there
		Trace trace = TraceBuilder.trace("t1", 1_000)
			.span("g", "", "gateway", "post checkout", Span.Kind.SERVER, 0, 10_046)
			.span("c", "g", "checkout-service", "post /api/checkout", Span.Kind.SERVER, 4, 10_044)
			.sql("cq", "c", "checkout-service", "INSERT INTO lab.customer_order VALUES (?)", 5, 6)
			.span("i", "lost", "inventory-service", "post /api/reservations", Span.Kind.SERVER, 8, 21_191)
			.sql("iq", "i", "inventory-service", "SELECT sum(quantity) FROM lab.stock_movement WHERE lower(sku) = ?", 9,
					21_173)
			.build();

		Trace.Segment culprit = trace.culprit();

		assertThat(trace.root().id()).isEqualTo("g");
		assertThat(trace.parent(trace.spans().get(3))).get().extracting(Span::id).isEqualTo("c");
		assertThat(culprit.span().id()).isEqualTo("iq");
		assertThat(culprit.selfMicros()).isGreaterThan(9_900_000L);
		assertThat(trace.criticalPath().stream().mapToLong(Trace.Segment::selfMicros).sum())
			.isEqualTo(trace.durationMicros());
	}

	@Test
	void shouldGroupCulpritsByTheirSpan() {
		// three reservations wait in the same statement; one trace is slow in fraud
		List<Trace> slow = List.of(TraceBuilder.trace("a", 10_000).checkout(6_000, 20, 40).build(),
				TraceBuilder.trace("b", 11_000).checkout(5_000, 20, 40).build(),
				TraceBuilder.trace("c", 12_050).checkout(3_950, 20, 40).build(),
				TraceBuilder.trace("d", 40_000).checkout(30, 4_000, 40).build());
		List<Trace> normal = List.of(TraceBuilder.trace("n1", 1_000).checkout(30, 20, 40).build(),
				TraceBuilder.trace("n2", 2_000).checkout(35, 25, 45).build());

		TraceFindings findings = TraceFindings.of(slow, normal);

		assertThat(findings.suspect()).get()
			.extracting(TraceFindings.ServiceShare::service)
			.isEqualTo("inventory-service");
		TraceFindings.Culprit top = findings.culprits().get(0);
		assertThat(top.traces()).isEqualTo(3);
		assertThat(top.statement()).startsWith("UPDATE lab.product");
		assertThat(top.traceIds()).containsExactlyInAnyOrder("a", "b", "c");
		assertThat(findings.culpritIn("fraud-service")).get().extracting(TraceFindings.Culprit::traces).isEqualTo(1);
		assertThat(findings.examples()).first().extracting(TraceFindings.Example::traceId).isEqualTo("a");
		assertThat(findings.normalMedianMillis()).isLessThan(200);
	}

	@Test
	void shouldGiveTheCallerNothingOfACallWhoseCalleeOtherTracesShowAnswering() {
		// payment's server spans of the slow checkouts were not in the store yet: their
		// calls hold the time, and the normal traces show payment answering them
		List<Trace> slow = List.of(awaitingPayment("a", 10_000, 4_900), awaitingPayment("b", 20_000, 4_600),
				awaitingPayment("c", 30_000, 4_700));
		List<Trace> normal = List.of(TraceBuilder.trace("n1", 1_000).checkout(30, 20, 40).build(),
				TraceBuilder.trace("n2", 2_000).checkout(35, 25, 45).build());

		TraceFindings findings = TraceFindings.of(slow, normal);

		assertThat(findings.suspect()).get()
			.satisfies((share) -> assertThat(share.service()).isEqualTo("payment-service"))
			.satisfies((share) -> assertThat(share.culpritTraces()).isEqualTo(3));
		assertThat(findings.culpritIn("checkout-service")).as("a culprit the trace cannot show").isEmpty();
		assertThat(slow.get(0).criticalMicrosByService().get("checkout-service"))
			.as("without the other traces, the time is the caller's")
			.isGreaterThan(4_000_000);
	}

	@Test
	void shouldLeaveACallToAnUntracedHostWithTheCaller() {
		// no trace shows who answers port 9999: a slow downstream of checkout's
		Trace slow = TraceBuilder.trace("a", 10_000)
			.span("c", "", "checkout-service", "POST /api/checkout", Span.Kind.SERVER, 0, 5_000)
			.call("cx", "c", "checkout-service", 9_999, 10, 4_990)
			.build();

		TraceFindings findings = TraceFindings.of(List.of(slow),
				List.of(TraceBuilder.trace("n1", 1_000).checkout(30, 20, 40).build()));

		assertThat(findings.suspect()).get()
			.extracting(TraceFindings.ServiceShare::service)
			.isEqualTo("checkout-service");
		assertThat(findings.culpritIn("checkout-service")).get()
			.extracting(TraceFindings.Culprit::work)
			.isEqualTo(Span.WorkKind.HTTP_CLIENT);
	}

	@Test
	void shouldLeaveACallWithTheCallerWhenTracesDisagreeOnItsCallee() {
		// one address, two services behind it in different traces (a proxy, a reused
		// port): nobody to hand the call's time to
		Trace toPayment = TraceBuilder.trace("n1", 1_000)
			.span("c", "", "checkout-service", "POST /api/checkout", Span.Kind.SERVER, 0, 100)
			.call("cp", "c", "checkout-service", 8_000, 10, 90)
			.span("p", "cp", "payment-service", "POST /api/payments", Span.Kind.SERVER, 11, 89)
			.build();
		Trace toFraud = TraceBuilder.trace("n2", 2_000)
			.span("c", "", "checkout-service", "POST /api/checkout", Span.Kind.SERVER, 0, 100)
			.call("cf", "c", "checkout-service", 8_000, 10, 90)
			.span("f", "cf", "fraud-service", "POST /api/fraud/scores", Span.Kind.SERVER, 11, 89)
			.build();
		Trace slow = TraceBuilder.trace("a", 10_000)
			.span("c", "", "checkout-service", "POST /api/checkout", Span.Kind.SERVER, 0, 5_000)
			.call("cx", "c", "checkout-service", 8_000, 10, 4_990)
			.build();

		TraceFindings findings = TraceFindings.of(List.of(slow), List.of(toPayment, toFraud));

		assertThat(findings.suspect()).get()
			.extracting(TraceFindings.ServiceShare::service)
			.isEqualTo("checkout-service");
	}

	/**
	 * A checkout whose call to payment took this long, payment's server span not in it.
	 */
	private static Trace awaitingPayment(String id, long epochMillis, long paymentMillis) {
		return TraceBuilder.trace(id, epochMillis)
			.span("c", "", "checkout-service", "POST /api/checkout", Span.Kind.SERVER, 0, paymentMillis + 60)
			.call("ci", "c", "checkout-service", TraceBuilder.INVENTORY_PORT, 5, 35)
			.span("i", "ci", "inventory-service", "POST /api/reservations", Span.Kind.SERVER, 6, 34)
			.call("cp", "c", "checkout-service", TraceBuilder.PAYMENT_PORT, 40, 40 + paymentMillis)
			.build();
	}

}
