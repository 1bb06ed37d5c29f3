package dev.latencylab.toolkit.profiles;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the toolkit takes a service's baseline profile: only while the service itself is
 * healthy, whatever checkout shows. A fault behind a timeout and a fallback (checkout
 * fast, the service's own calls 5 s) must not become the "normal" a later diagnosis
 * compares with: its frames would show no gain, and the fault no cause (a CI run of
 * 2026-12-05 named it unknown three times in a row).
 */
class BaselinesTests {

	private static final Instant START = Instant.parse("2026-12-05T19:00:00Z");

	private final List<String> recorded = new ArrayList<>();

	private final Set<String> sick = new HashSet<>();

	private final Baselines baselines = new Baselines(this::record, List.of("payment-service", "fraud-service"), 60,
			(service) -> !this.sick.contains(service), Duration.ofMinutes(10));

	@Test
	void shouldKeepASickServicesLastBaselineWhileTakingTheOthers() {
		this.baselines.refreshIfDue(START);
		Baseline healthy = this.baselines.of("payment-service");
		Baseline fraud = this.baselines.of("fraud-service");

		this.sick.add("payment-service");
		this.baselines.refreshIfDue(START.plus(Duration.ofMinutes(11)));

		assertThat(this.baselines.of("payment-service")).as("payment's baseline while it is sick").isEqualTo(healthy);
		assertThat(this.baselines.of("fraud-service").latest()).as("fraud's baseline, taken again")
			.isNotEqualTo(fraud.latest());
		assertThat(this.recorded).containsExactly("payment-service", "fraud-service", "fraud-service");
	}

	@Test
	void shouldTakeASickServicesBaselineOnTheFirstMinuteItIsHealthyAgain() {
		this.sick.add("payment-service");
		this.baselines.refreshIfDue(START);
		assertThat(this.baselines.of("payment-service").isEmpty()).as("no baseline of a service never seen healthy")
			.isTrue();

		this.sick.clear();
		this.baselines.refreshIfDue(START.plus(Duration.ofMinutes(1)));

		assertThat(this.baselines.of("payment-service").latest()).as("payment's baseline a minute later").isPresent();
		assertThat(this.recorded).containsExactly("fraud-service", "payment-service");
	}

	@Test
	void shouldNotReadAFlightRecorderAgainBeforeTheIntervalEnds() {
		this.baselines.refreshIfDue(START);
		this.baselines.refreshIfDue(START.plus(Duration.ofMinutes(9)));

		assertThat(this.recorded).containsExactly("payment-service", "fraud-service");
	}

	@Test
	void shouldKeepTheLastThreeBaselinesOfAService() {
		for (int n = 0; n < 4; n++) {
			this.baselines.refreshIfDue(START.plus(Duration.ofMinutes(10L * n)));
		}

		// payment's four baselines were the captures 1, 3, 5 and 7; the first is dropped
		assertThat(this.baselines.of("payment-service").profiles()).extracting(Profile::captureId)
			.containsExactly("capture-3", "capture-5", "capture-7");
		assertThat(this.baselines.of("payment-service").latest()).map(Profile::captureId).contains("capture-7");
	}

	private Profile record(String service, List<String> modes, int seconds) {
		this.recorded.add(service);
		return new Profile(service, "capture-" + this.recorded.size(), "flight-recorder", START, seconds, Map.of());
	}

}
