package dev.latencylab.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.openfeature.sdk.OpenFeatureAPI;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.latencylab.kit.internal.FlagSwitches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Flags as the lab uses them: a real flagd file resolver over a real file, switched
 * through the admin API, hot-reloaded without a restart.
 */
@SpringBootTest(properties = { "lab.admin.token=s3cret", "lab.flags.poll-interval=200ms" })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class LabFlagsTests {

	private static final Path FLAGS = copyOfTheLabsFlags();

	private static final String ORIGINAL = read(FLAGS);

	@Autowired
	MockMvc mvc;

	@Autowired
	LabFlags flags;

	@Autowired
	CanaryCohorts cohorts;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void flagsFile(DynamicPropertyRegistry registry) {
		registry.add("lab.flags.path", FLAGS::toString);
	}

	@BeforeEach
	void everyFlagOff() throws IOException {
		Files.writeString(FLAGS, ORIGINAL);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !this.flags.isOn("fraud-regex-cpu", FlagContext.none())
					&& !this.flags.isOn("inventory-row-lock-fix", FlagContext.order("o-1", "c-1")));
	}

	@Test
	void shouldSwitchAFaultOnThroughTheAdminApiWithoutARestart() throws Exception {
		this.mvc.perform(admin(put("/admin/flags/fraud-regex-cpu")).content("{\"variant\": \"on\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.defaultVariant").value("on"));

		await().atMost(Duration.ofSeconds(10)).until(() -> this.flags.isOn("fraud-regex-cpu", FlagContext.none()));
		this.mvc.perform(admin(get("/admin/flags/fraud-regex-cpu")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.flag.defaultVariant").value("on"))
			.andExpect(jsonPath("$.evaluated").value("on"));
	}

	@Test
	void shouldRollAFixOutToAStickyShareOfOrders() throws Exception {
		this.mvc.perform(admin(put("/admin/flags/inventory-row-lock-fix")).content("{\"percent\": 30}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.percentOn").value(30));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> IntStream.range(0, 200)
				.anyMatch((i) -> this.flags.isOn("inventory-row-lock-fix", FlagContext.order("order-" + i, "c"))));

		long on = IntStream.range(0, 2000)
			.filter((i) -> this.flags.isOn("inventory-row-lock-fix", FlagContext.order("order-" + i, "c")))
			.count();
		String order = UUID.randomUUID().toString();
		boolean first = this.flags.isOn("inventory-row-lock-fix", FlagContext.order(order, "c"));

		assertThat(on).isBetween(500L, 700L);
		assertThat(IntStream.range(0, 20)
			.allMatch((i) -> this.flags.isOn("inventory-row-lock-fix", FlagContext.order(order, "c")) == first))
			.as("the same order always gets the same variant")
			.isTrue();
	}

	@Test
	void shouldSplitOrdersIntoACanarysCohortsOnlyWhileAFixIsRolledOut() throws Exception {
		assertThat(this.cohorts.of("order-1", "c")).as("no fix rolled out").isEmpty();

		this.mvc.perform(admin(put("/admin/flags/inventory-slow-query-fix")).content("{\"percent\": 50}"))
			.andExpect(status().isOk());
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.cohorts.of("order-1", "c").isEmpty());
		List<String> sides = IntStream.range(0, 400)
			.mapToObj((i) -> this.cohorts.of("order-" + i, "c"))
			.map((cohorts) -> {
				assertThat(cohorts).hasSize(1);
				assertThat(cohorts.get(0).flag()).isEqualTo("inventory-slow-query-fix");
				return cohorts.get(0).variant();
			})
			.toList();
		assertThat(sides.stream().filter("on"::equals).count()).as("orders with the fix").isBetween(150L, 250L);
		assertThat(sides).contains("off");
		// an order is on the same side as when the service with the fix evaluates it
		assertThat(IntStream.range(0, 400)
			.allMatch((i) -> "on".equals(sides.get(i)) == this.flags.isOn("inventory-slow-query-fix",
					FlagContext.order("order-" + i, null))))
			.isTrue();

		this.mvc.perform(admin(put("/admin/flags/inventory-slow-query-fix")).content("{\"variant\": \"on\"}"))
			.andExpect(status().isOk());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.cohorts.of("order-1", "c")
				.equals(List.of(new CanaryCohorts.Cohort("inventory-slow-query-fix", "on"))));
	}

	@Test
	void shouldRecordWhenAFlagSwitchedAndToWhichVariant() throws Exception {
		PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		Instant seen = Instant.parse("2026-03-01T10:15:30Z");
		FlagFile file = new FlagFile(FLAGS, JsonMapper.builder().build());

		try (FlagSwitches switches = FlagSwitches.watch(
				OpenFeatureAPI.getInstance().getClient(LabFlagsAutoConfiguration.DOMAIN), this.flags, prometheus,
				Clock.fixed(seen, ZoneOffset.UTC))) {
			file.set("fraud-regex-cpu", "on");
			await().atMost(Duration.ofSeconds(10)).until(() -> switchedTo(prometheus, "fraud-regex-cpu", "on") != null);
			assertThat(switchedTo(prometheus, "fraud-regex-cpu", "on").value()).isEqualTo(seen.getEpochSecond(),
					within(0.001));
			assertThat(prometheus.scrape())
				.contains("lab_flag_switch_timestamp_seconds{flag=\"fraud-regex-cpu\",variant=\"on\"}");

			file.set("fraud-regex-cpu", "off");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> switchedTo(prometheus, "fraud-regex-cpu", "off") != null);
			assertThat(switchedTo(prometheus, "fraud-regex-cpu", "on")).as("one series per flag").isNull();

			file.rollout("inventory-slow-query-fix", 25);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> switchedTo(prometheus, "inventory-slow-query-fix", FlagSwitches.ROLLOUT) != null);
		}
		// the service's own recorder, into its registry
		await().atMost(Duration.ofSeconds(10))
			.until(() -> switchedTo(this.meters, "fraud-regex-cpu", "off") != null
					&& switchedTo(this.meters, "inventory-slow-query-fix", FlagSwitches.ROLLOUT) != null);
	}

	@Test
	void shouldListFlagsAndScenariosToTheAdminOnly() throws Exception {
		this.mvc.perform(get("/admin/flags")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/admin/flags").header("Authorization", "Bearer wrong"))
			.andExpect(status().isUnauthorized());

		this.mvc.perform(admin(get("/admin/flags")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.key == 'payment-gc-pause')].variants[0]").value("on"));
		this.mvc.perform(admin(get("/admin/scenarios")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(7))
			.andExpect(
					jsonPath("$[?(@.name == 'payment-pool-starvation')].fixFlag").value("payment-pool-starvation-fix"));
	}

	@Test
	void shouldRefuseBadChangesWithProblemDetailsAndChangeNothing() throws Exception {
		this.mvc
			.perform(put("/admin/flags/fraud-regex-cpu").contentType(MediaType.APPLICATION_JSON)
				.content("{\"variant\": \"on\"}"))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(admin(put("/admin/flags/no-such-flag")).content("{\"variant\": \"on\"}"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value(endsWith("/problems/unknown-flag")));
		this.mvc.perform(admin(put("/admin/flags/Bad_Name!")).content("{\"variant\": \"on\"}"))
			.andExpect(status().isBadRequest());
		this.mvc.perform(admin(put("/admin/flags/fraud-regex-cpu")).content("{\"variant\": \"sometimes\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.type").value(endsWith("/problems/unknown-variant")));
		this.mvc.perform(admin(put("/admin/flags/fraud-regex-cpu")).content("{\"percent\": 101}"))
			.andExpect(status().isBadRequest());
		this.mvc.perform(admin(put("/admin/flags/fraud-regex-cpu")).content("{\"variant\": \"on\", \"percent\": 5}"))
			.andExpect(status().isBadRequest());
		this.mvc.perform(admin(put("/admin/flags/fraud-regex-cpu")).content("{\"variant\": "))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value(endsWith("/problems/malformed-body")));

		assertThat(read(FLAGS)).isEqualTo(ORIGINAL);
	}

	@Test
	void shouldNameNoFlagOfTheCatalogueInLogsSpansOrMetricsDuringABlindDrill(CapturedOutput output) throws Exception {
		FlagFile file = new FlagFile(FLAGS, JsonMapper.builder().build());
		// one write, as ./lab demo --blind does: the fault never shows under its name
		file.edit((flags) -> flags.set("payment-gc-pause", "on").serve(BlindDrill.FLAG, BlindDrill.BLIND, "k3y"));
		String hidden = BlindDrill.opaqueId("k3y", "payment-gc-pause");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.flags.isBlind() && this.flags.isOn("payment-gc-pause", FlagContext.none())
					&& switchedTo(this.meters, hidden, LabFlags.ON) != null);
		this.mvc.perform(admin(get("/admin/flags/" + BlindDrill.FLAG)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.evaluated").value(BlindDrill.BLIND));
		int logged = output.getOut().length();
		FaultSwitch fault = new FaultSwitch(this.flags, Scenario.PAYMENT_GC_PAUSE,
				"risk profiles are cached without bound", "a bounded cache");

		SpanData span = inASpan(() -> {
			assertThat(fault.mode(FlagContext.order("order-1", "c"))).isEqualTo(FaultSwitch.Mode.FAULT);
			fault.acted("cached a 2 MB risk profile");
		});

		String seen = span.getAttributes() + " " + span.getEvents() + " " + output.getOut().substring(logged) + " "
				+ this.meters.getMeters().stream().map((meter) -> meter.getId().toString()).toList();
		assertThat(seen).contains(hidden)
			.doesNotContain("payment-gc-pause")
			.doesNotContain("risk profile")
			.doesNotContain("bounded cache");
		assertThat(BlindDrill.revealed("k3y")).containsEntry(hidden, "payment-gc-pause")
			.containsValue("payment-gc-pause-fix")
			.hasSize(15);

		file.serve(BlindDrill.FLAG, BlindDrill.OPEN, "");
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.flags.isBlind());
		await("a switch recorded under the drill's id goes when the drill ends").atMost(Duration.ofSeconds(10))
			.until(() -> switchedTo(this.meters, hidden, LabFlags.ON) == null);
		SpanData open = inASpan(() -> fault.acted("cached a 2 MB risk profile"));
		assertThat(open.getEvents().get(0).getName())
			.isEqualTo("lab.fault payment-gc-pause: cached a 2 MB risk profile");
		SpanData fixed = inASpan(() -> fault.acted(FaultSwitch.Mode.FIXED, "kept 2 risk profiles"));
		assertThat(fixed.getEvents().get(0).getName()).as("where the fix acted")
			.isEqualTo("lab.fault payment-gc-pause-fix: kept 2 risk profiles");
	}

	private static Gauge switchedTo(MeterRegistry registry, String flag, String variant) {
		return registry.find(LabMetrics.FLAG_SWITCHES).tag("flag", flag).tag("variant", variant).gauge();
	}

	private static SpanData inASpan(Runnable code) {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		try (SdkTracerProvider tracing = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build()) {
			Span span = tracing.get("lab-kit-tests").spanBuilder("POST /api/payments/authorizations").startSpan();
			try (Scope scope = span.makeCurrent()) {
				code.run();
			}
			finally {
				span.end();
			}
			return exporter.getFinishedSpanItems().get(0);
		}
	}

	private static MockHttpServletRequestBuilder admin(MockHttpServletRequestBuilder request) {
		return request.header("Authorization", "Bearer s3cret").contentType(MediaType.APPLICATION_JSON);
	}

	private static Path copyOfTheLabsFlags() {
		try {
			Path file = Files.createTempDirectory("lab-flags-").resolve("flags.json");
			Files.copy(Path.of("../flags/flags.json"), file);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
