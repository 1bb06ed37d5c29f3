package dev.latencylab.runner;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of the lab's own instruments run in the applications' JVMs: the OpenTelemetry
 * Java agent (traces) and the flight recorder's continuous recording (the recent profile
 * the toolkit reads). Both are on in a lab for learning; off, one at a time, they let
 * {@code ./lab bench} and a load run measure what they cost. Micrometer's metrics stay
 * on: the alerts and the dashboards are built on them.
 *
 * @param agent whether the OpenTelemetry Java agent is attached
 * @param recorder whether the flight recorder records continuously
 */
public record Telemetry(boolean agent, boolean recorder) {

	/** Everything on: the lab as it is taught. */
	public static final Telemetry FULL = new Telemetry(true, true);

	private static final String AGENT = "lab.agent";

	private static final String RECORDER = "lab.recorder";

	/**
	 * @return the telemetry {@code ./lab up} asked its supervisor for
	 */
	public static Telemetry fromSystemProperties() {
		return new Telemetry(!"false".equals(System.getProperty(AGENT)), !"false".equals(System.getProperty(RECORDER)));
	}

	/**
	 * @return the system properties that hand this telemetry to the supervisor's JVM
	 */
	public List<String> systemProperties() {
		return List.of("-D" + AGENT + "=" + this.agent, "-D" + RECORDER + "=" + this.recorder);
	}

	/**
	 * @return what is off, for a person, e.g. {@code without the OpenTelemetry agent (no
	 * traces)}; empty when everything is on
	 */
	public String describeMissing() {
		List<String> off = new ArrayList<>();
		if (!this.agent) {
			off.add("the OpenTelemetry agent (no traces)");
		}
		if (!this.recorder) {
			off.add("the flight recorder (no recent profiles)");
		}
		return off.isEmpty() ? "" : "without " + String.join(" and ", off);
	}

}
