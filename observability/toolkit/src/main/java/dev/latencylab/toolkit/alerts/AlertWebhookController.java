package dev.latencylab.toolkit.alerts;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.latencylab.kit.ProblemException;

/**
 * Alertmanager's webhook receiver: every lab alert arrives here; firing latency alerts
 * start a diagnosis in the background. Answers at once, so Alertmanager never times out.
 */
@RestController
class AlertWebhookController {

	private final AlertTrigger trigger;

	AlertWebhookController(AlertTrigger trigger) {
		this.trigger = trigger;
	}

	@PostMapping("/api/alerts")
	ResponseEntity<Map<String, Object>> receive(@RequestBody AlertmanagerWebhook webhook) {
		if (webhook.alerts() == null) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
					"An Alertmanager webhook payload has an 'alerts' array.");
		}
		int started = 0;
		for (AlertmanagerWebhook.Alert alert : webhook.alerts()) {
			started += this.trigger.accept(alert) ? 1 : 0;
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(Map.of("alerts", webhook.alerts().size(), "diagnosesStarted", started));
	}

}
