package dev.latencylab.toolkit.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.latencylab.toolkit.diagnosis.Diagnoser;
import dev.latencylab.toolkit.reports.Report;

/**
 * Turns firing latency alerts into diagnoses, in the background, one at a time: an alert
 * already diagnosed (Alertmanager repeats them) or one arriving soon after a diagnosis
 * started by another alert starts none.
 */
public class AlertTrigger implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(AlertTrigger.class);

	private final Diagnoser diagnoser;

	private final List<String> alerts;

	private final Duration lookback;

	private final Duration cooldown;

	private final Duration settle;

	private final Clock clock;

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "diagnosis");
		thread.setDaemon(true);
		return thread;
	});

	private final Set<String> seen = ConcurrentHashMap.newKeySet();

	private volatile Instant lastStarted = Instant.EPOCH;

	/**
	 * @param diagnoser runs the diagnoses
	 * @param alerts the names of the alerts that start one
	 * @param lookback how far before an alert's start the window opens
	 * @param cooldown how long after a diagnosis started by an alert others are ignored
	 * @param settle how long to wait before a second look when the first named no cause
	 * @param clock the time
	 */
	public AlertTrigger(Diagnoser diagnoser, List<String> alerts, Duration lookback, Duration cooldown, Duration settle,
			Clock clock) {
		this.settle = settle;
		this.diagnoser = diagnoser;
		this.alerts = alerts;
		this.lookback = lookback;
		this.cooldown = cooldown;
		this.clock = clock;
	}

	/**
	 * @param alert an alert from Alertmanager
	 * @return whether it starts a diagnosis
	 */
	public synchronized boolean accept(AlertmanagerWebhook.Alert alert) {
		Instant now = this.clock.instant();
		if (!alert.isFiring() || !this.alerts.contains(alert.name())) {
			return false;
		}
		Instant startsAt = (alert.startsAt() != null) ? alert.startsAt() : now;
		if (!this.seen.add(alert.name() + "|" + alert.fingerprint() + "|" + startsAt)) {
			return false;
		}
		if (Duration.between(this.lastStarted, now).compareTo(this.cooldown) < 0) {
			logger.info("{} ({}) not diagnosed: a diagnosis started {} s ago", alert.name(), alert.labels(),
					Duration.between(this.lastStarted, now).toSeconds());
			return false;
		}
		this.lastStarted = now;
		Report.Trigger trigger = new Report.Trigger("alert", alert.name(),
				(alert.labels() != null) ? Map.copyOf(alert.labels()) : Map.of(), startsAt, now);
		Instant from = startsAt.minus(this.lookback);
		logger.info("{} fired at {}: diagnosing from {}", alert.name(), startsAt, from);
		this.executor.submit(() -> {
			try {
				Report report = this.diagnoser.diagnose(trigger, from);
				if ("unknown".equals(report.verdict().cause()) && !this.settle.isZero()) {
					// spans of calls still running arrive when they end: look once more
					TimeUnit.MILLISECONDS.sleep(this.settle.toMillis());
					report = this.diagnoser.rediagnose(report, this.settle);
				}
				if ("none".equals(report.verdict().cause())) {
					// nothing was slow yet: the next alert deserves its own look
					this.lastStarted = Instant.EPOCH;
				}
				this.diagnoser.profileLive(report);
			}
			catch (RuntimeException ex) {
				logger.error("Diagnosis of {} failed", alert.name(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		return true;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
