package dev.latencylab.runner;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profiler endpoint in the running lab's services, next to the OpenTelemetry agent: a
 * capture of each service gives a flame graph page and stacks of that service's own code,
 * and nothing answers without the admin token.
 */
@ExtendWith(SharedLab.class)
@Order(6)
class ProfilerEndToEndIT {

	private static final List<LabService> SERVICES = List.of(LabService.CHECKOUT, LabService.INVENTORY,
			LabService.PAYMENT, LabService.FRAUD);

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * A capture of the service, once nobody else profiles it: the diagnosis toolkit of
	 * the lab captures live after each verdict (a warm-up alert may have started one),
	 * and the service then answers 409, as it should; a person would try again.
	 */
	private static HttpResponse<String> captureWhenFree(LocalLab lab, LabService service) throws InterruptedException {
		HttpResponse<String> created;
		long deadline = System.currentTimeMillis() + 60_000;
		do {
			created = new LabClient(lab).admin(service, "POST", "/admin/profiler/captures",
					"{\"modes\": [\"wall\", \"cpu\"], \"seconds\": 2}", lab.adminToken());
			if (created.statusCode() == 409) {
				TimeUnit.SECONDS.sleep(2);
			}
		}
		while (created.statusCode() == 409 && System.currentTimeMillis() < deadline);
		return created;
	}

	@Test
	void shouldProfileEveryServiceInProcessAndServeItsFlameGraph(LocalLab lab) throws Exception {
		for (LabService service : SERVICES) {
			HttpResponse<String> created = captureWhenFree(lab, service);
			assertThat(created.statusCode()).as("%s: %s", service, created.body()).isEqualTo(201);
			JsonNode wall = this.json.readTree(created.body()).get("modes").get("wall");
			assertThat(wall.get("samples").asLong()).as("%s wall samples", service).isPositive();

			HttpResponse<String> page = new LabClient(lab).admin(service, "GET", wall.get("flameGraph").asString(),
					null, lab.adminToken());
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
			assertThat(page.body()).contains(service.serviceName() + ", wall, 2 s");
			// the service's own threads are in it: Tomcat's, waiting for requests
			String stacks = new LabClient(lab)
				.admin(service, "GET", wall.get("collapsed").asString(), null, lab.adminToken())
				.body();
			assertThat(stacks).containsIgnoringCase("tomcat");
		}
	}

	@Test
	void shouldRefuseToProfileWithoutTheAdminToken(LocalLab lab) throws Exception {
		for (LabService service : SERVICES) {
			assertThat(new LabClient(lab)
				.admin(service, "POST", "/admin/profiler/captures", "{\"modes\": [\"cpu\"], \"seconds\": 1}", null)
				.statusCode()).isEqualTo(401);
			assertThat(new LabClient(lab).admin(service, "GET", "/admin/profiler/captures", null, "wrong").statusCode())
				.isEqualTo(401);
		}
	}

}
