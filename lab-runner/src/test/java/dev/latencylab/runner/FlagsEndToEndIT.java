package dev.latencylab.runner;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults and fixes in a running lab: one flags file for every service, switched by
 * editing it or through the admin API, without a restart; the admin API refuses callers
 * without the token and bad changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedLab.class)
@Order(4)
class FlagsEndToEndIT {

	private static final List<LabService> SERVICES = List.of(LabService.CHECKOUT, LabService.INVENTORY,
			LabService.PAYMENT, LabService.FRAUD);

	private final JsonMapper json = JsonMapper.builder().build();

	private LocalLab lab;

	private LabClient client;

	private String original;

	@BeforeAll
	void startLab(LocalLab lab) throws IOException {
		this.lab = lab;
		this.client = new LabClient(lab);
		this.original = Files.readString(lab.flagsFile());
	}

	@AfterEach
	void everyFlagOffAgain() throws IOException {
		Files.writeString(this.lab.flagsFile(), this.original);
	}

	@Test
	void shouldSwitchAScenarioOnInEveryServiceWithin10SecondsOfEditingTheFile() throws IOException {
		String edited = this.original.replaceFirst("(\"fraud-lock-contention\": \\{.*?\"defaultVariant\": )\"off\"",
				"$1\"on\"");
		assertThat(edited).isNotEqualTo(this.original);

		long started = System.nanoTime();
		double switchedAt = System.currentTimeMillis() / 1000.0;
		Files.writeString(this.lab.flagsFile(), edited);

		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			for (LabService service : SERVICES) {
				assertThat(reading(service, "fraud-lock-contention").get("evaluated").asString())
					.as("%s sees the change", service.serviceName())
					.isEqualTo("on");
			}
		});
		System.out.printf("flag change seen by every service after %.1f s%n", (System.nanoTime() - started) / 1e9);

		// what Grafana's flag annotation draws: when each service saw the switch, and to
		// which variant
		String query = "lab_flag_switch_timestamp_seconds{flag=\"fraud-lock-contention\", variant=\"on\"}";
		await("the switch in Prometheus").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> {
				JsonNode result = this.client
					.prometheus("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
					.path("data")
					.path("result");
				List<String> seenBy = new ArrayList<>();
				for (JsonNode series : result) {
					seenBy.add(series.path("metric").path("application").asString());
					assertThat(series.path("value").get(1).asDouble()).as("when %s", series.path("metric"))
						.isBetween(switchedAt - 1, switchedAt + 30);
				}
				assertThat(seenBy).containsAll(SERVICES.stream().map(LabService::serviceName).toList());
			});
	}

	@Test
	void shouldShareOneFlagsFileSoAChangeThroughOneServiceReachesAll() {
		HttpResponse<String> changed = this.client.admin(LabService.INVENTORY, "PUT",
				"/admin/flags/payment-gc-pause-fix", "{\"percent\": 25}", this.lab.adminToken());

		assertThat(changed.statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					reading(LabService.PAYMENT, "payment-gc-pause-fix").get("flag").get("percentOn").asInt())
				.isEqualTo(25));
	}

	@Test
	void shouldRefuseAdminCallsWithoutTheTokenAndBadChangesWithoutChangingAnything() throws IOException {
		for (LabService service : SERVICES) {
			assertThat(this.client.admin(service, "GET", "/admin/flags", null, null).statusCode()).isEqualTo(401);
			assertThat(this.client
				.admin(service, "PUT", "/admin/flags/inventory-row-lock", "{\"variant\": \"on\"}", "wrong")
				.statusCode()).isEqualTo(401);
		}
		String token = this.lab.adminToken();
		List<HttpResponse<String>> refused = List.of(
				this.client.admin(LabService.CHECKOUT, "PUT", "/admin/flags/no-such-flag", "{\"variant\": \"on\"}",
						token),
				this.client.admin(LabService.CHECKOUT, "PUT", "/admin/flags/BAD!", "{\"variant\": \"on\"}", token),
				this.client.admin(LabService.CHECKOUT, "PUT", "/admin/flags/inventory-row-lock",
						"{\"variant\": \"maybe\"}", token),
				this.client.admin(LabService.CHECKOUT, "PUT", "/admin/flags/inventory-row-lock", "{\"percent\": 150}",
						token),
				this.client.admin(LabService.CHECKOUT, "PUT", "/admin/flags/inventory-row-lock", "{\"variant\": ",
						token));

		for (HttpResponse<String> response : refused) {
			assertThat(response.statusCode()).isBetween(400, 499);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		}
		assertThat(Files.readString(this.lab.flagsFile())).isEqualTo(this.original);
	}

	private JsonNode reading(LabService service, String flag) {
		HttpResponse<String> response = this.client.admin(service, "GET", "/admin/flags/" + flag, null,
				this.lab.adminToken());
		assertThat(response.statusCode()).as("%s: %s", service, response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

}
