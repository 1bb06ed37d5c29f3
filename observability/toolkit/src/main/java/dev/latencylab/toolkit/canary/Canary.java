package dev.latencylab.toolkit.canary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClientException;

import dev.latencylab.kit.ProblemException;
import dev.latencylab.toolkit.ToolkitProperties;
import dev.latencylab.toolkit.traces.Span;
import dev.latencylab.toolkit.traces.TraceSource;

/**
 * Gathers a canary's two cohorts from the traces: checkout tags its server span with
 * {@code lab.cohort.<flag>} = the order's variant (lab-kit's {@code CanaryCohorts}), so
 * the requests with the fix and those without are two searches of the trace store over
 * the same window. When the window holds too few requests without the fix (the fix is at
 * 100 %), the control reaches back, up to {@code toolkit.canary.control-lookback}, to the
 * requests that went without it before; the verdict says so.
 */
public class Canary {

	private static final String COHORT_TAG = "lab.cohort.";

	private final TraceSource traces;

	private final ToolkitProperties.Entry entry;

	private final ToolkitProperties.Canary settings;

	private final CanaryJudge judge;

	private final Clock clock;

	public Canary(TraceSource traces, ToolkitProperties properties, Clock clock) {
		this.traces = traces;
		this.entry = properties.entry();
		this.settings = properties.canary();
		this.judge = new CanaryJudge(this.settings, clock);
		this.clock = clock;
	}

	/**
	 * @param flag the fix's flag, e.g. {@code inventory-slow-query-fix}
	 * @param window how far back the window opens
	 * @return the verdict
	 */
	public CanaryVerdict judge(String flag, Duration window) {
		Instant to = this.clock.instant();
		Instant from = to.minus(window);
		List<String> notes = new ArrayList<>();
		Cohort fix = cohort(flag, "on", from, to);
		Cohort control = cohort(flag, "off", from, to);
		if (control.size() < this.settings.minSamples() && window.compareTo(this.settings.controlLookback()) < 0) {
			Instant earlier = to.minus(this.settings.controlLookback());
			Cohort before = cohort(flag, "off", earlier, to);
			if (before.size() > control.size()) {
				notes.add(
						"only %d requests went without the fix in the window; the control is the %d that did in the last %s"
							.formatted(control.size(), before.size(), this.settings.controlLookback()));
				control = before;
			}
		}
		notes.add("cohorts from %s: the spans '%s' of %s tagged %s%s".formatted(this.traces.name(),
				this.entry.operation(), this.entry.service(), COHORT_TAG, flag));
		return this.judge.judge(flag, fix, control, notes);
	}

	private Cohort cohort(String flag, String variant, Instant from, Instant to) {
		List<Span> found;
		try {
			found = this.traces.endpointSpans(new TraceSource.Query(this.entry.service(), this.entry.operation(), from,
					to, Duration.ZERO, null, this.settings.maxRequests(), Map.of(COHORT_TAG + flag, variant)));
		}
		catch (RestClientException ex) {
			throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "trace-store-unavailable",
					"Trace store unavailable",
					"The cohorts could not be read from " + this.traces.name() + ": " + ex.getMessage());
		}
		List<Cohort.Request> requests = new ArrayList<>();
		for (Span span : found) {
			requests.add(new Cohort.Request(span.traceId(), span.durationMicros() / 1000.0, failed(span)));
		}
		return new Cohort(variant, requests, from, to);
	}

	private static boolean failed(Span span) {
		String status = span.tags()
			.getOrDefault("http.response.status_code", span.tags().getOrDefault("http.status_code", ""));
		if (!status.isEmpty()) {
			try {
				return Integer.parseInt(status) >= 500;
			}
			catch (NumberFormatException ex) {
				// not a number: fall back to the error tag
			}
		}
		return span.tags().containsKey("error");
	}

}
