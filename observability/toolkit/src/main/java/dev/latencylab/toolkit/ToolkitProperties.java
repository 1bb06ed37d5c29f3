package dev.latencylab.toolkit;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the lab is and how the toolkit diagnoses it, under {@code toolkit.*}
 * ({@code application.yml} has every default).
 *
 * @param services each application's base URL by name (its profiler endpoint is there)
 * @param prometheus Prometheus's base URL
 * @param traces the trace store
 * @param entry the endpoint whose latency is diagnosed
 * @param diagnosis how a diagnosis runs
 * @param reports where reports go
 * @param baseline the healthy profiles that flame graphs are compared with
 * @param canary how a canary of a fix is judged
 * @param docs the repository's documentation, served as pages
 * @param database the lab's PostgreSQL, asked about itself
 */
@ConfigurationProperties("toolkit")
public record ToolkitProperties(Map<String, URI> services, URI prometheus, Traces traces, Entry entry,
		Diagnosis diagnosis, Reports reports, Baseline baseline, Canary canary, Docs docs, Database database) {

	/**
	 * @param url the JDBC URL of the database the toolkit connects to (any database of
	 * the server: its views cover them all); empty for none, and then no cause that only
	 * the database can see is named
	 * @param username a user with the {@code pg_monitor} role (or a superuser)
	 * @param password its password
	 * @param sampleInterval how often its sessions are sampled
	 * @param statementsInterval how often {@code pg_stat_statements} is read
	 * @param keep how long samples are kept
	 */
	public record Database(String url, String username, String password, Duration sampleInterval,
			Duration statementsInterval, Duration keep) {
	}

	/**
	 * @param minSamples the least requests each cohort needs for a verdict other than
	 * INCONCLUSIVE
	 * @param alpha the significance level of the tests
	 * @param latencyTolerance how much slower (a share of the control's median) the fix's
	 * median may be before a significant difference rolls it back
	 * @param latencyMargin the least such tolerance, however fast the control
	 * @param errorTolerance how many more errors per request the fix's cohort may have
	 * before a significant difference rolls it back
	 * @param maxRequests how many requests of each cohort are read at most
	 * @param controlLookback how far back the control may reach when the window has too
	 * few requests without the fix
	 */
	public record Canary(int minSamples, double alpha, double latencyTolerance, Duration latencyMargin,
			double errorTolerance, int maxRequests, Duration controlLookback) {
	}

	/**
	 * @param backend {@code zipkin} or {@code jaeger}
	 * @param url the store's API as the toolkit reaches it
	 * @param publicUrl the store as a person's browser reaches it, for links in reports
	 */
	public record Traces(String backend, URI url, URI publicUrl) {
	}

	/**
	 * @param service the service whose server span is the endpoint
	 * @param operation the endpoint's span name
	 * @param slow a request at least this long is slow (the alert's threshold)
	 * @param normal a request at most this long is normal
	 */
	public record Entry(String service, String operation, Duration slow, Duration normal) {
	}

	/**
	 * @param alerts the alerts that start a diagnosis
	 * @param lookback how far before an alert's start the window opens
	 * @param cooldown after a diagnosis started by an alert, further alerts within this
	 * are not diagnosed again
	 * @param maxTraces how many slow (and normal) traces are read
	 * @param applicationPackage the services' own code, for naming frames
	 * @param sharedPackage shared code that is never named as the culprit
	 * @param liveCapture the length of the live capture after a verdict; zero for none
	 * @param maxRecording the longest stretch of a flight recorder a diagnosis reads
	 * @param settle when a diagnosis started by an alert names no cause, how long to wait
	 * before one more look (downstream calls still running show up when they end); zero
	 * for none
	 * @param recheck how often an alert that keeps firing is looked at again, at most (on
	 * Alertmanager's repeats): a new report when the causes changed
	 */
	public record Diagnosis(List<String> alerts, Duration lookback, Duration cooldown, int maxTraces,
			String applicationPackage, String sharedPackage, Duration liveCapture, Duration maxRecording,
			Duration settle, Duration recheck) {
	}

	/**
	 * @param directory where reports are written
	 * @param keep how many are kept
	 * @param publicUrl the toolkit as a person's browser reaches it, for links
	 */
	public record Reports(Path directory, int keep, URI publicUrl) {
	}

	/**
	 * @param initialDelay when the first baseline is taken after start
	 * @param interval how often baselines are taken again
	 * @param seconds the stretch of each service's flight recorder a baseline covers
	 */
	public record Baseline(Duration initialDelay, Duration interval, int seconds) {
	}

	/**
	 * @param directory the repository's root: its Markdown files (and their png and svg
	 * images) are served under {@code /docs/}, at their path relative to it
	 */
	public record Docs(Path directory) {
	}

}
