package dev.latencylab.runner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

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
class ProfilerEndToEndIT {

	private static final List<LabService> SERVICES = List.of(LabService.CHECKOUT, LabService.INVENTORY,
			LabService.PAYMENT, LabService.FRAUD);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void shouldProfileEveryServiceInProcessAndServeItsFlameGraph(LocalLab lab) throws Exception {
		for (LabService service : SERVICES) {
			HttpResponse<String> created = send(lab, service, "POST", "/admin/profiler/captures",
					"{\"modes\": [\"wall\", \"cpu\"], \"seconds\": 2}", lab.adminToken());
			assertThat(created.statusCode()).as("%s: %s", service, created.body()).isEqualTo(201);
			JsonNode wall = this.json.readTree(created.body()).get("modes").get("wall");
			assertThat(wall.get("samples").asLong()).as("%s wall samples", service).isPositive();

			HttpResponse<String> page = send(lab, service, "GET", wall.get("flameGraph").asString(), null,
					lab.adminToken());
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
			assertThat(page.body()).contains(service.serviceName() + ", wall, 2 s");
			// the service's own threads are in it: Tomcat's, waiting for requests
			String stacks = send(lab, service, "GET", wall.get("collapsed").asString(), null, lab.adminToken()).body();
			assertThat(stacks).containsIgnoringCase("tomcat");
		}
	}

	@Test
	void shouldRefuseToProfileWithoutTheAdminToken(LocalLab lab) throws Exception {
		for (LabService service : SERVICES) {
			assertThat(send(lab, service, "POST", "/admin/profiler/captures", "{\"modes\": [\"cpu\"], \"seconds\": 1}",
					null)
				.statusCode()).isEqualTo(401);
			assertThat(send(lab, service, "GET", "/admin/profiler/captures", null, "wrong").statusCode())
				.isEqualTo(401);
		}
	}

	private HttpResponse<String> send(LocalLab lab, LabService service, String method, String path, String body,
			String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(lab.url(service) + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
