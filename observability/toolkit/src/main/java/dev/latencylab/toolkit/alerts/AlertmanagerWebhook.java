package dev.latencylab.toolkit.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The part of Alertmanager's webhook payload (version 4) the toolkit reads.
 *
 * @param status {@code firing} or {@code resolved}
 * @param alerts the alerts of the group
 */
public record AlertmanagerWebhook(String status, List<Alert> alerts) {

	/**
	 * One alert.
	 *
	 * @param status {@code firing} or {@code resolved}
	 * @param labels its labels, {@code alertname} among them
	 * @param annotations its annotations
	 * @param startsAt when its condition began
	 * @param fingerprint Alertmanager's id of the alert
	 */
	public record Alert(String status, Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
			String fingerprint) {

		public String name() {
			return (this.labels != null) ? this.labels.getOrDefault("alertname", "") : "";
		}

		public boolean isFiring() {
			return "firing".equals(this.status);
		}

	}

}
