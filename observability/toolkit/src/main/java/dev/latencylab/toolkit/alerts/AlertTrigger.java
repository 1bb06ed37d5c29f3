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
 * Turns firing latency alerts into diagnoses, in the background, one at a time: one
 * arriving soon after a diagnosis started by another alert starts none. An alert that
 * keeps firing (Alertmanager repeats it) gets another look at most every {@code recheck}:
 * a new cause that began while it fired raises no new alert, so the repeat is the only
 * sign of it, and a report is written when the causes changed.
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

	private final Duration recheck;

	private final Set<String> seen = ConcurrentHashMap.newKeySet();

	/** Per alert (name and fingerprint), its last report. */
	private final Map<String, Report> latest = new ConcurrentHashMap<>();

	/** Per alert, when it was last looked at. */
	private final Map<String, Instant> looked = new ConcurrentHashMap<>();

	private volatile Instant lastStarted = Instant.EPOCH;

	/**
	 * @param diagnoser runs the diagnoses
	 * @param alerts the names of the alerts that start one
	 * @param lookback how far before an alert's start the window opens
	 * @param cooldown how long after a diagnosis started by an alert others are ignored
	 * @param settle how long to wait before a second look when the first named no cause
	 * @param recheck how often an alert that keeps firing is looked at again, at most
	 * @param clock the time
	 */
	public AlertTrigger(Diagnoser diagnoser, List<String> alerts, Duration lookback, Duration cooldown, Duration settle,
			Duration recheck, Clock clock) {
		this.recheck = recheck;
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
		String key = alert.name() + "|" + alert.fingerprint();
		if (!this.seen.add(key + "|" + startsAt)) {
			return lookAgain(alert, key, startsAt, now);
		}
		if (Duration.between(this.lastStarted, now).compareTo(this.cooldown) < 0) {
			logger.info("{} ({}) not diagnosed: a diagnosis started {} s ago", alert.name(), alert.labels(),
					Duration.between(this.lastStarted, now).toSeconds());
			return false;
		}
		this.lastStarted = now;
		this.looked.put(key, now);
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
				this.latest.put(key, report);
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

	/**
	 * A repeat of an alert that still fires: another look when the last is older than
	 * {@code recheck} and no diagnosis runs.
	 */
	private boolean lookAgain(AlertmanagerWebhook.Alert alert, String key, Instant startsAt, Instant now) {
		Report previous = this.latest.get(key);
		Instant last = this.looked.getOrDefault(key, Instant.EPOCH);
		if (previous == null || this.diagnoser.isRunning() || Duration.between(last, now).compareTo(this.recheck) < 0) {
			return false;
		}
		this.looked.put(key, now);
		Report.Trigger trigger = new Report.Trigger("alert", alert.name(),
				(alert.labels() != null) ? Map.copyOf(alert.labels()) : Map.of(), startsAt, now);
		logger.info("{} still fires (since {}): looking again at the last {} s", alert.name(), startsAt,
				this.lookback.toSeconds());
		this.executor.submit(() -> {
			try {
				this.diagnoser.diagnoseAgain(previous, trigger, now.minus(this.lookback)).ifPresent((report) -> {
					this.latest.put(key, report);
					this.diagnoser.profileLive(report);
				});
			}
			catch (RuntimeException ex) {
				logger.error("Another look at {} failed", alert.name(), ex);
			}
		});
		return true;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
